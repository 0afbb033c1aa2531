import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../../../test/runtime/testDatabase";
import { AppError } from "../../errors/appError";
import { listFlows } from "./flowLibrary";
import {
  createFlow,
  duplicateFlow,
  getFlowDraft,
  importFlowDocument,
  saveFlowDraft,
  setFlowArchived,
} from "./flowDrafts";
import { sqlClientFor } from "../../db/sqlClient";
import { saveWorkspacePolicy } from "../mot/workspacePolicyDocument";
import { compileDraft, getVersion, listVersions, publishDraft, restoreVersion } from "./flowVersions";

const by = { type: "system" as const, label: "test" };
let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => t?.close());

const code = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof AppError ? e.code : String(e)),
  );

describe("studio flow services", () => {
  it("lists the published examples, without unpublished changes", async () => {
    const flows = await listFlows(t.database.db, t.workspaceId);
    const card = flows.find((f) => f.key === "card-transfer-stepup");
    expect(card).toMatchObject({ latestVersion: 1, unpublishedChanges: false, status: "published", kind: "sop" });
    expect((await listFlows(t.database.db, t.workspaceId, { kind: "mot" })).every((f) => f.kind === "mot")).toBe(true);
    expect((await listFlows(t.database.db, t.workspaceId, { search: "layered" })).map((f) => f.key)).toEqual([
      "card-transfer-stepup",
    ]);
  });

  it("creates blank and from an example, refuses a taken or bad key", async () => {
    const db = t.database.db;
    await createFlow(db, t.workspaceId, { key: "blank-1", name: "Blank", kind: "sop" }, by);
    expect((await getFlowDraft(db, t.workspaceId, "blank-1")).document.nodes).toEqual([]);
    expect(await code(createFlow(db, t.workspaceId, { key: "blank-1", name: "Again", kind: "sop" }, by))).toBe(
      "CONFLICT",
    );
    expect(await code(createFlow(db, t.workspaceId, { key: "bad key!", name: "x", kind: "sop" }, by))).toBe(
      "VALIDATION_FAILED",
    );
    await createFlow(
      db,
      t.workspaceId,
      {
        key: "from-example",
        name: "Mine",
        kind: "sop",
        fromExample: "card-transfer-stepup",
      },
      by,
    );
    const draft = await getFlowDraft(db, t.workspaceId, "from-example");
    expect(draft.document).toMatchObject({ key: "from-example", name: "Mine" });
    expect(draft.document.nodes.length).toBeGreaterThan(20);
    expect((await listFlows(db, t.workspaceId, { status: "draft" })).map((f) => f.key)).toEqual(
      expect.arrayContaining(["blank-1", "from-example"]),
    );
  });

  it("saves drafts with optimistic concurrency, publishes (refusing errors), versions, restores", async () => {
    const db = t.database.db;
    const draft = await getFlowDraft(db, t.workspaceId, "from-example");
    const saved = await saveFlowDraft(
      db,
      t.workspaceId,
      "from-example",
      { ...draft.document, name: "Mine v1" },
      draft.revision,
      by,
    );
    expect(saved.ok).toBe(true);
    expect(await code(saveFlowDraft(db, t.workspaceId, "from-example", draft.document, draft.revision, by))).toBe(
      "CONFLICT",
    );
    const published = await publishDraft(db, tester(), "from-example");
    expect(published).toMatchObject({ version: 1, created: true });
    // Publishing hands back the row's new revision: the next autosave goes through.
    const after = await getFlowDraft(db, t.workspaceId, "from-example");
    expect(after.revision).toBe(published.revision);
    expect(after.unpublishedChanges).toBe(false);

    const broken = {
      ...after.document,
      nodes: after.document.nodes.map((n) => (n.type === "end" ? { ...n, data: { outcome: "" } } : n)),
    };
    expect((await saveFlowDraft(db, t.workspaceId, "from-example", broken, after.revision, by)).ok).toBe(true);
    const refused = await publishDraft(db, tester(), "from-example").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("FLOW_INVALID");
    expect(((refused as AppError).extensions.diagnostics as unknown[]).length).toBeGreaterThan(0);
    expect((await getFlowDraft(db, t.workspaceId, "from-example")).unpublishedChanges).toBe(true);
    expect((await compileDraft(db, t.workspaceId, "from-example")).ok).toBe(false);

    await restoreVersion(db, t.workspaceId, "from-example", 1, by);
    expect((await getFlowDraft(db, t.workspaceId, "from-example")).unpublishedChanges).toBe(false);
    expect((await listVersions(db, t.workspaceId, "from-example")).map((v) => [v.version, v.publishedBy])).toEqual([
      [1, "Tester"],
    ]);
    expect((await getVersion(db, t.workspaceId, "from-example", 1)).document.name).toBe("Mine v1");
    expect(await code(getVersion(db, t.workspaceId, "from-example", 9))).toBe("NOT_FOUND");
  });

  it("duplicates, archives (hidden from the library, kept out of published sources), imports", async () => {
    const db = t.database.db;
    await duplicateFlow(db, t.workspaceId, "from-example", "copy-1", by);
    expect((await getFlowDraft(db, t.workspaceId, "copy-1")).document.name).toBe("Mine v1 (copy)");
    await setFlowArchived(db, t.workspaceId, "copy-1", true);
    expect((await listFlows(db, t.workspaceId)).some((f) => f.key === "copy-1")).toBe(false);
    expect((await listFlows(db, t.workspaceId, { status: "archived" })).map((f) => f.key)).toEqual(["copy-1"]);
    const archived = await getFlowDraft(db, t.workspaceId, "copy-1");
    expect(archived.archived).toBe(true);
    expect(archived.document).not.toHaveProperty("x-studio");
    await setFlowArchived(db, t.workspaceId, "copy-1", false);
    expect((await listFlows(db, t.workspaceId)).some((f) => f.key === "copy-1")).toBe(true);

    const doc = { ...archived.document, key: "imported-1", name: "Imported" };
    expect(await importFlowDocument(db, t.workspaceId, doc, { replace: false, by })).toEqual({
      key: "imported-1",
      created: true,
    });
    expect(await code(importFlowDocument(db, t.workspaceId, doc, { replace: false, by }))).toBe("CONFLICT");
    expect(await importFlowDocument(db, t.workspaceId, { ...doc, name: "Again" }, { replace: true, by })).toEqual({
      key: "imported-1",
      created: false,
    });
    expect(await importFlowDocument(db, t.workspaceId, { schema: "nope" }, { replace: false, by })).toHaveProperty(
      "diagnostics",
    );
  });

  it("refuses to publish a start that names a segment the workspace does not define, then publishes it", async () => {
    const db = t.database.db;
    await createFlow(
      db,
      t.workspaceId,
      { key: "seg-1", name: "Seg", kind: "mot", fromExample: "birthday-greeting" },
      by,
    );
    const draft = await getFlowDraft(db, t.workspaceId, "seg-1");
    const document = {
      ...draft.document,
      nodes: draft.document.nodes.map((n) => (n.type === "start" ? { ...n, data: { ...n.data, segment: "vip" } } : n)),
    };
    expect((await saveFlowDraft(db, t.workspaceId, "seg-1", document, draft.revision, by)).ok).toBe(true);
    const refused = await publishDraft(db, tester(), "seg-1").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("FLOW_INVALID");
    expect((refused as AppError).extensions.diagnostics).toEqual([
      expect.objectContaining({ code: "UNKNOWN_SEGMENT", nodeId: "start", path: "data.segment" }),
    ]);
    const policy = {
      schema: "journey-studio/policy@1",
      segments: [{ name: "vip", audience: "'vip' in customer.tags" }],
    };
    await saveWorkspacePolicy(sqlClientFor(t.database).query, t.workspaceId, policy);
    expect(await publishDraft(db, tester(), "seg-1")).toMatchObject({ version: 1, created: true });
  });
});

function tester() {
  return { workspaceId: t.workspaceId, user: { id: "tester", name: "Tester", role: "reviewer" as const } };
}
