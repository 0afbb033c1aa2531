// The process map (which flows call which, where published, who inlines an old subflow) and "republish
// callers": each caller gets a new version from its latest published source with the current subflows,
// callers of callers after their callees, and nobody's unpublished draft goes out with it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../../../test/runtime/testDatabase";
import { flowVersions } from "../../db/schema";
import { createFlow, getFlowDraft, saveFlowDraft } from "./flowDrafts";
import { publishDraft } from "./flowVersions";
import { createFolder, moveFlow } from "./flowFolders";
import { processMap, republishCallers } from "./processMap";
import type { MemberSession } from "../memberSession";

let t: TestDatabase;
let admin: MemberSession;
const by = { type: "user" as const, id: "admin-1", label: "admin" };
beforeAll(async () => {
  t = await openTestDatabase();
  admin = { workspaceId: t.workspaceId, user: { id: "reviewer-1", name: "Rev", role: "admin" } };
});
afterAll(async () => t?.close());

/** start → (subflow calls…) → [marker set node] → end. */
function doc(key: string, options: { calls?: string[]; marker?: string } = {}) {
  const chain = [
    ...(options.calls ?? []).map((flow, i) => ({
      id: `call${i}`,
      type: "subflow",
      position: { x: 0, y: 60 * (i + 1) },
      data: { flow },
    })),
    ...(options.marker
      ? [{ id: options.marker, type: "set", position: { x: 200, y: 0 }, data: { assign: { n: "1" } } }]
      : []),
  ];
  const ids = ["start", ...chain.map((n) => n.id), "done"];
  return {
    schema: "journey-studio/flow@1",
    key,
    name: key,
    kind: "sop",
    channels: ["chat"],
    variables: { n: { type: "number", default: 0 } },
    nodes: [
      { id: "start", type: "start", position: { x: 0, y: 0 }, data: { trigger: { type: "api" } } },
      ...chain,
      { id: "done", type: "end", position: { x: 0, y: 400 }, data: { outcome: "resolved" } },
    ],
    edges: ids.slice(1).flatMap((target, i) => {
      const source = ids[i] ?? "";
      return source.startsWith("call")
        ? [
            { id: `e${i}`, source, sourceHandle: "resolved", target },
            { id: `e${i}x`, source, sourceHandle: "else", target },
          ]
        : [{ id: `e${i}`, source, target }];
    }),
  };
}

async function save(key: string, document: unknown) {
  const draft = await getFlowDraft(t.database.db, t.workspaceId, key).catch(async () => {
    await createFlow(t.database.db, t.workspaceId, { key, name: key, kind: "sop" }, by);
    return getFlowDraft(t.database.db, t.workspaceId, key);
  });
  const saved = await saveFlowDraft(t.database.db, t.workspaceId, key, document, draft.revision, by);
  expect(saved.ok).toBe(true);
}

async function compiledOf(key: string, version: number): Promise<string> {
  const rows = await t.database.db.select().from(flowVersions);
  const flow = await getFlowDraft(t.database.db, t.workspaceId, key);
  const row = rows.find((r) => r.version === version && JSON.stringify(r.source).includes(`"key":"${flow.key}"`));
  return JSON.stringify(row?.compiled ?? null);
}

describe("process map", () => {
  it("shows which flows call which, where each is published, and callers left on an old subflow", async () => {
    const db = t.database.db;
    const level2 = await createFolder(db, admin, { name: "Level 2: Service", parentId: null });
    const level3 = await createFolder(db, admin, { name: "Level 3: Billing", parentId: level2.id });
    await save("pm-verify", doc("pm-verify"));
    await save("pm-billing", doc("pm-billing", { calls: ["pm-verify"] }));
    await save("pm-main", doc("pm-main", { calls: ["pm-billing"] }));
    for (const key of ["pm-verify", "pm-billing", "pm-main"]) await publishDraft(db, admin, key);
    await moveFlow(db, admin, "pm-billing", level3.id);

    let map = await processMap(db, t.workspaceId);
    const byKey = () => new Map(map.flows.map((f) => [f.key, f]));
    expect(byKey().get("pm-main")).toMatchObject({ calls: ["pm-billing"], latestVersion: 1, staleInlined: [] });
    expect(byKey().get("pm-billing")).toMatchObject({ folderId: level3.id, calls: ["pm-verify"] });
    expect(map.folders.find((f) => f.id === level3.id)?.parentId).toBe(level2.id);

    // The innermost subflow is republished: both callers (pm-billing directly, pm-main through it) are flagged.
    await save("pm-verify", doc("pm-verify", { marker: "verify-v2" }));
    await publishDraft(db, admin, "pm-verify");
    // pm-main's draft has changes nobody approved: republishing must not publish them.
    await save("pm-main", { ...doc("pm-main", { calls: ["pm-billing"] }), name: "Unreviewed" });
    map = await processMap(db, t.workspaceId);
    expect(byKey().get("pm-billing")?.staleInlined).toEqual(["pm-verify"]);
    expect(byKey().get("pm-main")?.staleInlined).toEqual(["pm-verify"]);
    expect(byKey().get("pm-verify")?.staleInlined).toEqual([]);

    // One action: callers republished, the inner caller first, each with the new subflow inside.
    expect(await republishCallers(db, admin, "pm-verify")).toEqual([
      { key: "pm-billing", version: 2 },
      { key: "pm-main", version: 2 },
    ]);
    expect(await compiledOf("pm-billing", 2)).toContain("verify-v2");
    expect(await compiledOf("pm-main", 2)).toContain("verify-v2");
    expect(await compiledOf("pm-main", 1)).not.toContain("verify-v2");
    map = await processMap(db, t.workspaceId);
    expect(map.flows.every((f) => f.staleInlined.length === 0)).toBe(true);
    const mainDraft = await getFlowDraft(db, t.workspaceId, "pm-main");
    expect(mainDraft.document.name).toBe("Unreviewed");
    expect(mainDraft.unpublishedChanges).toBe(true);
  });
});
