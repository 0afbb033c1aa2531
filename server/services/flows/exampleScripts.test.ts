// A flow started from an example in an empty workspace brings the example's scripts (approved), so it
// publishes as it is; a script the workspace has already is not touched.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../../../test/runtime/testDatabase";
import { auditLog } from "../../db/schema";
import { and, eq } from "drizzle-orm";
import { createWorkspace } from "../workspaces/createWorkspace";
import { approvedScriptResolver } from "../scripts";
import { createFlow } from "./flowDrafts";
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
});
