// The small flows the runtime tests publish (test/runtime/flows/*.json).
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Db } from "../../server/db/client";
import { publishFlow } from "../../server/services/publishing";

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "flows");

export function testFlow(name: "counter" | "wait-briefly"): unknown {
  return JSON.parse(readFileSync(path.join(dir, `${name}.json`), "utf8"));
}

export async function publishTestFlows(db: Db, workspaceId: string): Promise<void> {
  for (const name of ["counter", "wait-briefly"] as const) {
    const result = await publishFlow(db, workspaceId, testFlow(name));
    if (!result.ok) throw new Error(`${name}: ${result.diagnostics.map((d) => d.message).join("; ")}`);
  }
}
