// A flow started from an example in an empty workspace brings the example's scripts (approved), so it
// publishes as it is; a script the workspace has already is not touched.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../../../test/runtime/testDatabase";
import { auditLog, flows } from "../../db/schema";
import { and, eq } from "drizzle-orm";
import { createWorkspace } from "../workspaces/createWorkspace";
import { approvedScriptResolver } from "../scripts";
import { createFlow, getFlowDraft, setFlowArchived } from "./flowDrafts";
import { exampleCallees } from "./exampleFlows";
import { publishDraft } from "./flowVersions";

const by = { type: "system" as const, label: "test" };
let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => t?.close());

describe("starting from an example in an empty workspace", () => {
  it("adds the scripts the example says, approved, and the flow publishes", async () => {
    const db = t.database.db;
    const empty = await createWorkspace(db, { slug: "empty-one", name: "Empty" });
    const resolveBefore = await approvedScriptResolver(db, empty.id);
    expect(resolveBefore("greeting")).toBeUndefined();
    await createFlow(
      db,
      empty.id,
      { key: "my-transfer", name: "My transfer", kind: "sop", fromExample: "card-transfer-stepup" },
      by,
    );
    const resolve = await approvedScriptResolver(db, empty.id);
    for (const key of ["greeting", "otp-code", "otp-sent", "branch-referral", "csat-survey"])
      expect(resolve(key)?.key, key).toBe(key);
    const published = await publishDraft(
      db,
      { workspaceId: empty.id, user: { id: "u-1", name: "New designer", role: "admin" } },
      "my-transfer",
      { note: "first" },
    );
    expect(published).toMatchObject({ version: 1, created: true });
    const audited = await db
      .select({ label: auditLog.subjectLabel })
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, empty.id), eq(auditLog.action, "script.addedFromExample")));
    expect(audited.map((a) => a.label).sort()).toEqual(
      ["branch-referral", "csat-survey", "greeting", "otp-code", "otp-sent"].sort(),
    );
  });

  it("leaves a workspace's own script of the same key as it is", async () => {
    const db = t.database.db;
    // The default workspace has the examples' scripts already (the start-up import).
    const before = (await approvedScriptResolver(db, t.workspaceId))("greeting");
    await createFlow(
      db,
      t.workspaceId,
      { key: "again-transfer", name: "Again", kind: "sop", fromExample: "card-transfer-stepup" },
      by,
    );
    expect((await approvedScriptResolver(db, t.workspaceId))("greeting")).toEqual(before);
    const audited = await db
      .select({ label: auditLog.subjectLabel })
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, t.workspaceId), eq(auditLog.action, "script.addedFromExample")));
    expect(audited).toEqual([]);
  });

  it("brings the flows an example calls, published, so the new flow publishes; never a second copy", async () => {
    const db = t.database.db;
    const empty = await createWorkspace(db, { slug: "empty-two", name: "Empty too" });
    const created = await createFlow(
      db,
      empty.id,
      { key: "my-fault", name: "My fault", kind: "sop", fromExample: "fault-diagnosis" },
      by,
    );
    expect(created).toEqual({ key: "my-fault", addedFlows: ["warranty-check"], keptFlows: [] });
    const called = await getFlowDraft(db, empty.id, "warranty-check");
    expect(called.latestVersion).toBe(1);
    expect((await approvedScriptResolver(db, empty.id))("warranty-result")?.key).toBe("warranty-result");
    const admin = { workspaceId: empty.id, user: { id: "u-2", name: "New designer", role: "admin" as const } };
    expect(await publishDraft(db, admin, "my-fault", { note: "first" })).toMatchObject({ version: 1, created: true });
    const added = await db
      .select({ label: auditLog.subjectLabel, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, empty.id), eq(auditLog.action, "flow.addedFromExample")));
    expect(added).toEqual([{ label: "warranty-check", after: { calledBy: "fault-diagnosis", version: 1 } }]);

    // A second flow from the same example (and one there, archived): the called flow is kept as it is.
    await setFlowArchived(db, empty.id, "warranty-check", true, by);
    const again = await createFlow(
      db,
      empty.id,
      { key: "my-fault-2", name: "Again", kind: "sop", fromExample: "fault-diagnosis" },
      by,
    );
    expect(again).toEqual({ key: "my-fault-2", addedFlows: [], keptFlows: ["warranty-check"] });
    expect((await getFlowDraft(db, empty.id, "warranty-check")).latestVersion).toBe(1);
  });

  it("refuses a new flow's key that the example calls: it would call itself instead of the called flow", async () => {
    const db = t.database.db;
    const empty = await createWorkspace(db, { slug: "empty-three", name: "Empty three" });
    await expect(
      createFlow(
        db,
        empty.id,
        { key: "warranty-check", name: "Mine", kind: "sop", fromExample: "fault-diagnosis" },
        by,
      ),
    ).rejects.toMatchObject({ code: "CONFLICT", extensions: { field: "key" } });
    const flowsThere = await db.select({ key: flows.key }).from(flows).where(eq(flows.workspaceId, empty.id));
    expect(flowsThere).toEqual([]);
  });

  it("orders what an example calls after what that calls, each once", () => {
    expect(exampleCallees("fault-diagnosis").map((f) => f.key)).toEqual(["warranty-check"]);
    expect(exampleCallees("warranty-check")).toEqual([]);
    expect(exampleCallees("no-such-example")).toEqual([]);
  });
});
