// Starting from an example brings the flows it calls that the workspace lacks (flowDrafts.ts
// addCalledExamples). "Lacks" must hold when the called flow is written, not only when it was looked
// for: a flow of that key another member creates meanwhile is kept as it is, never overwritten with the
// example and published in its place.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { openTestDatabase, serverUrl, type TestDatabase } from "../../../test/runtime/testDatabase";
import { whileUncommitted } from "../../../test/runtime/whileUncommitted";
import { auditLog, flows, flowVersions, scripts, scriptVersions } from "../../db/schema";
import { createWorkspace } from "../workspaces/createWorkspace";
import { addMissingExampleScripts } from "./exampleScripts";
import { exampleFlow } from "./exampleFlows";
import { createFlow } from "./flowDrafts";

const by = { type: "system" as const, label: "test" };

// Only Postgres has another connection to race with (PGlite's one connection queues everything).
describe.skipIf(!serverUrl)("an example's called flow created meanwhile by someone else", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase({ kind: "postgres", max: 4 });
  });
  afterAll(async () => t?.close());

  it("is kept as that member wrote it: not overwritten, not published, not audited as added", async () => {
    const db = t.database.db;
    const space = await createWorkspace(db, { slug: "race-one", name: "Race" });
    // The scripts are there already, so that only the flows race.
    for (const key of ["fault-diagnosis", "warranty-check"])
      await addMissingExampleScripts(db, space.id, exampleFlow(key)!, by);
    const mine = {
      schema: "journey-studio/flow@1",
      key: "warranty-check",
      name: "Mine",
      kind: "sop",
      channels: ["chat"],
      variables: {},
      nodes: [],
      edges: [],
    };
    // Another member's new flow of the called key, not committed yet: invisible to a look-up.
    const created = await whileUncommitted(
      t.url!,
      {
        text: "insert into flows (workspace_id, key, name, kind, draft) values ($1, $2, $3, $4, $5)",
        values: [space.id, "warranty-check", "Mine", "sop", JSON.stringify(mine)],
      },
      () =>
        createFlow(
          db,
          space.id,
          { key: "my-fault", name: "My fault", kind: "sop", fromExample: "fault-diagnosis" },
          by,
        ),
    );
    expect(created).toEqual({ key: "my-fault", addedFlows: [], keptFlows: ["warranty-check"] });
    const [row] = await db
      .select({ id: flows.id, name: flows.name, draft: flows.draft })
      .from(flows)
      .where(and(eq(flows.workspaceId, space.id), eq(flows.key, "warranty-check")));
    expect(row?.name).toBe("Mine");
    expect(row?.draft).toEqual(mine);
    expect(await db.select().from(flowVersions).where(eq(flowVersions.flowId, row!.id))).toEqual([]);
    const added = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, space.id), eq(auditLog.action, "flow.addedFromExample")));
    expect(added).toEqual([]);
  });

  it("keeps a script of an example's key that another member creates meanwhile as it is", async () => {
    const db = t.database.db;
    const space = await createWorkspace(db, { slug: "race-two", name: "Race too" });
    // Another member's new script of a key the example uses, not committed yet.
    const created = await whileUncommitted(
      t.url!,
      {
        text: "insert into scripts (workspace_id, key, name) values ($1, $2, $3)",
        values: [space.id, "warranty-result", "Mine"],
      },
      () =>
        createFlow(
          db,
          space.id,
          { key: "my-fault", name: "My fault", kind: "sop", fromExample: "fault-diagnosis" },
          by,
        ),
    );
    expect(created.key).toBe("my-fault");
    const [script] = await db
      .select({ id: scripts.id, name: scripts.name })
      .from(scripts)
      .where(and(eq(scripts.workspaceId, space.id), eq(scripts.key, "warranty-result")));
    expect(script?.name).toBe("Mine");
    // No version of the example's wording, approved by "examples", on top of the member's script.
    expect(await db.select().from(scriptVersions).where(eq(scriptVersions.scriptId, script!.id))).toEqual([]);
    const added = await db
      .select({ label: auditLog.subjectLabel })
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, space.id), eq(auditLog.action, "script.addedFromExample")));
    expect(added.map((a) => a.label)).not.toContain("warranty-result");
  });
});
