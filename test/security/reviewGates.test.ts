// The review gates, on the services the tRPC procedures call: publishing needs every script
// approved, the four-eyes rule (when the workspace asks for it) keeps authors from approving or
// publishing their own change, and both decisions land in the audit log.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../runtime/testDatabase";
import { AppError } from "../../server/errors/appError";
import { createFlow, getFlowDraft, saveFlowDraft } from "../../server/services/flows/flowDrafts";
import { publishDraft } from "../../server/services/flows/flowVersions";
import {
  approveScriptVersion,
  createScript,
  saveScriptDraft,
  submitScriptVersion,
} from "../../server/services/scripts";
import { saveWorkspaceSecurity } from "../../server/auth/workspaceSecurity";
import { listAudit } from "../../server/services/audit/listAudit";
import { memberActor } from "../../server/services/audit/recordAudit";
import type { StudioRole, MemberSession } from "../../server/services/memberSession";

let t: TestDatabase;
const person = (id: string, role: StudioRole): MemberSession => ({
  workspaceId: t.workspaceId,
  user: { id, name: id, role },
});
const code = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof AppError ? e.code : String(e)),
  );

beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => t?.close());

const scriptDoc = (key: string) => ({
  schema: "journey-studio/script@1",
  key,
  name: key,
  variants: [{ channel: "chat", locale: "en", text: "Hello {{ customer.name }}" }],
});

function flowUsing(key: string, script: string) {
  return {
    schema: "journey-studio/flow@1",
    key,
    name: key,
    kind: "sop",
    channels: ["chat"],
    variables: {},
    nodes: [
      { id: "start", type: "start", position: { x: 0, y: 0 }, data: {} },
      { id: "hello", type: "message", position: { x: 0, y: 100 }, data: { script, channel: "chat" } },
      { id: "done", type: "end", position: { x: 0, y: 200 }, data: { outcome: "resolved" } },
    ],
    edges: [
      { id: "e1", source: "start", target: "hello" },
      { id: "e2", source: "hello", target: "done" },
    ],
  };
}

describe("review gates", () => {
  it("refuses to publish a flow whose script has no approved version, then publishes once it is approved", async () => {
    const db = t.database.db;
    const editor = person("ed", "content-editor");
    const reviewer = person("rev", "reviewer");
    const designer = { type: "user" as const, id: "designer-1", label: "designer-1" };
    await createScript(db, editor, { key: "gate-hello", name: "gate-hello", document: scriptDoc("gate-hello") });
    await createFlow(db, t.workspaceId, { key: "gate-flow", name: "Gate", kind: "sop" }, designer);
    const draft = await getFlowDraft(db, t.workspaceId, "gate-flow");
    await saveFlowDraft(db, t.workspaceId, "gate-flow", flowUsing("gate-flow", "gate-hello"), draft.revision, designer);

    const refused = await publishDraft(db, reviewer, "gate-flow").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("FLOW_INVALID");
    expect((refused as AppError).extensions.diagnostics).toEqual([
      expect.objectContaining({ code: "SCRIPT_NOT_FOUND", nodeId: "hello" }),
    ]);

    await submitScriptVersion(db, editor, "gate-hello", 1);
    await approveScriptVersion(db, reviewer, "gate-hello", 1);
    expect(await publishDraft(db, reviewer, "gate-flow")).toMatchObject({ version: 1, created: true });

    const audit = await listAudit(db, t.workspaceId, {});
    const actions = audit.rows.map((row) => `${row.action} ${row.subject.label} by ${row.actor.label}`);
    expect(actions).toContain("script.approved gate-hello v1 by rev");
    expect(actions).toContain("flow.published gate-flow v1 by rev");
  });

  it("with four eyes required, whoever changed it last cannot approve or publish it; someone else can", async () => {
    const db = t.database.db;
    await saveWorkspaceSecurity(db, t.workspaceId, { requireFourEyes: true, allowPrivateWebhookTargets: false });
    const admin = person("admin-1", "admin");
    const otherAdmin = person("admin-2", "admin");

    await createScript(db, admin, { key: "own-script", name: "own-script", document: scriptDoc("own-script") });
    await saveScriptDraft(db, admin, "own-script", scriptDoc("own-script"));
    await submitScriptVersion(db, admin, "own-script", 1);
    expect(await code(approveScriptVersion(db, admin, "own-script", 1))).toBe("FOUR_EYES_REQUIRED");
    expect(await code(approveScriptVersion(db, otherAdmin, "own-script", 1))).toBe("ok");

    await createFlow(db, t.workspaceId, { key: "own-flow", name: "Own", kind: "sop" }, memberActor(admin));
    const draft = await getFlowDraft(db, t.workspaceId, "own-flow");
    await saveFlowDraft(
      db,
      t.workspaceId,
      "own-flow",
      flowUsing("own-flow", "own-script"),
      draft.revision,
      memberActor(admin),
    );
    expect(await code(publishDraft(db, admin, "own-flow"))).toBe("FOUR_EYES_REQUIRED");
    expect(await code(publishDraft(db, otherAdmin, "own-flow"))).toBe("ok");

    await saveWorkspaceSecurity(db, t.workspaceId, { requireFourEyes: false, allowPrivateWebhookTargets: false });
  });
});
