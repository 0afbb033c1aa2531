// No secret in any client bundle: the browser-facing output of every build (.next*/static) is searched
// for server-only environment names, server-only modules, and the values of secret-looking variables
// set in this environment (run after a build made with them, e.g. the UI tests' build).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..", "..");
const buildDirs = readdirSync(root).filter((d) => d.startsWith(".next") && existsSync(path.join(root, d, "static")));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.(js|css|html|json|txt)$/.test(name) ? [full] : [];
  });
}

const forbidden = [
  "BETTER_AUTH_SECRET",
  "DATABASE_URL",
  "JOURNEY_FIRST_ADMIN_PASSWORD",
  "JOURNEY_DATA_DIR",
  "server_secrets",
  "@node-rs/argon2",
  "@electric-sql/pglite",
  "drizzle-orm",
  "whsec_",
  ...Object.entries(process.env)
    .filter(([name, value]) => /SECRET|PASSWORD|TOKEN|DATABASE_URL/i.test(name) && value && value.length >= 8)
    .map(([, value]) => value ?? ""),
];

describe.skipIf(buildDirs.length === 0)("client bundles", () => {
  it.each(buildDirs)("%s/static holds no secret or server-only code", (dir) => {
    const found: string[] = [];
    for (const file of files(path.join(root, dir, "static"))) {
      const text = readFileSync(file, "utf8");
      for (const needle of forbidden)
        if (text.includes(needle))
          found.push(`${path.relative(root, file)}: ${needle.length > 30 ? `${needle.slice(0, 4)}…` : needle}`);
    }
    expect(found).toEqual([]);
  });
});
