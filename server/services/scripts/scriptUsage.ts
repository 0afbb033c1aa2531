// Which published flows say a script, and how many running interactions an approval reaches: a
// script's newest approved version is what every published flow renders, so approving changes them. A
// snippet reaches the flows that say the scripts whose approved version puts it in.
import "server-only";
import { and, count, desc, eq, inArray } from "drizzle-orm";
import { flowScriptKeys } from "../../../flows/validate/flowScriptKeys";
import { snippetKeys } from "../../../flows/scripts";
import type { Db } from "../../db/client";
import { flows, flowVersions, interactions } from "../../db/schema";
import { approvedScripts } from "./scriptQueries";

export type ScriptUsage = {
  flows: { key: string; name: string; version: number }[];
  runningInteractions: number;
};

/** The flows whose newest published version says `scriptKey`, and the interactions still running on any version that does. */
export async function scriptUsage(db: Db, workspaceId: string, scriptKey: string): Promise<ScriptUsage> {
  const versions = await db
    .select({
      id: flowVersions.id,
      flowId: flowVersions.flowId,
      version: flowVersions.version,
      source: flowVersions.source,
      key: flows.key,
      name: flows.name,
    })
    .from(flowVersions)
    .innerJoin(flows, eq(flows.id, flowVersions.flowId))
    .where(eq(flowVersions.workspaceId, workspaceId))
    .orderBy(desc(flowVersions.publishedAt), desc(flowVersions.version));
  const reached = await scriptsReaching(db, workspaceId, scriptKey);
  const saying = versions.filter((v) => flowScriptKeys(v.source).some((k) => reached.has(k)));
  const newest = new Map<string, number>();
  for (const v of versions) if (!newest.has(v.flowId)) newest.set(v.flowId, v.version);
  const usingFlows = saying
    .filter((v) => newest.get(v.flowId) === v.version)
    .map((v) => ({ key: v.key, name: v.name, version: v.version }));
  if (saying.length === 0) return { flows: usingFlows, runningInteractions: 0 };
  const [running] = await db
    .select({ n: count() })
    .from(interactions)
    .where(
      and(
        eq(interactions.workspaceId, workspaceId),
        inArray(
          interactions.flowVersionId,
          saying.map((v) => v.id),
        ),
        inArray(interactions.status, ["active", "waiting"]),
      ),
    );
  return { flows: usingFlows, runningInteractions: running?.n ?? 0 };
}

/** The script itself and every script whose newest approved version puts it in, directly or through snippets. */
async function scriptsReaching(db: Db, workspaceId: string, scriptKey: string): Promise<Set<string>> {
  const usedBy = new Map<string, string[]>();
  for (const [key, doc] of await approvedScripts(db, workspaceId))
    for (const snippet of snippetKeys(doc)) usedBy.set(snippet, [...(usedBy.get(snippet) ?? []), key]);
  const reached = new Set([scriptKey]);
  for (let queue = [scriptKey]; queue.length > 0;) {
    const next = queue.flatMap((key) => usedBy.get(key) ?? []).filter((key) => !reached.has(key));
    for (const key of next) reached.add(key);
    queue = next;
  }
  return reached;
}
