// Test-only: the converter's fixtures, one per Twilio widget type and Connect action type.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export const fixtureRoot = join(import.meta.dirname, "..", "convert", "fixtures");

export type Fixture = { name: string; file: string; format: "twilio" | "connect"; document: unknown };

export function loadFixtures(): Fixture[] {
  const out: Fixture[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith(".json")) {
        const name = relative(fixtureRoot, path);
        out.push({
          name,
          file: path,
          format: name.startsWith("twilio") ? "twilio" : "connect",
          document: JSON.parse(readFileSync(path, "utf8")) as unknown,
        });
      }
    }
  };
  walk(fixtureRoot);
  return out;
}
