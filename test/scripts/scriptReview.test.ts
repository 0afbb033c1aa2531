// Issue 14, item 5: a reviewer sends a version back with a comment; approving says which published
// flows and how many running interactions it changes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../server/errors/appError";
import {
  getScript,
  requestScriptChanges,
  returnScriptVersion,
  saveScriptDraft,
  scriptUsage,
  submitScriptVersion,
} from "../../server/services/scripts";
import { importExampleFlows } from "../../server/services/importDocuments";
import { createRuntimeEngine } from "../../server/services/runtimeEngine";
import { sqlClientFor } from "../../server/db/sqlClient";
import type { MemberSession, StudioRole } from "../../server/services/memberSession";
import { openTestDatabase, type TestDatabase } from "../runtime/testDatabase";

let t: TestDatabase;
let session: MemberSession;
const as = (role: StudioRole, name: string = role): MemberSession => ({ ...session, user: { id: name, name, role } });
const code = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof AppError ? e.code : String(e)),
  );

beforeAll(async () => {
  t = await openTestDatabase();
  session = { workspaceId: t.workspaceId, user: { id: "local-admin", name: "Local admin", role: "admin" } };
  await importExampleFlows(t.database.db, t.workspaceId);
});
afterAll(async () => t?.close());

describe("script review", () => {
  it("a reviewer sends a version in review back to draft with a comment, kept on the version", async () => {
    const db = t.database.db;
    const greeting = await getScript(db, t.workspaceId, "greeting");
    const document = greeting.versions[0]?.document;
    if (!document) throw new Error("no greeting");
    const saved = await saveScriptDraft(db, as("content-editor", "Ann"), "greeting", {
      ...document,
      name: "Greeting 2",
    });
    await submitScriptVersion(db, as("content-editor", "Ann"), "greeting", saved.version);

    expect(await code(requestScriptChanges(db, as("content-editor", "Ann"), "greeting", saved.version, "x"))).toBe(
      "FORBIDDEN",
    );
    expect(await code(requestScriptChanges(db, as("reviewer", "Rui"), "greeting", saved.version, "  "))).toBe(
      "VALIDATION_FAILED",
    );
    await requestScriptChanges(db, as("reviewer", "Rui"), "greeting", saved.version, "请把开场白改短一些。");
    const after = (await getScript(db, t.workspaceId, "greeting")).versions[0];
    expect(after).toMatchObject({
      version: saved.version,
      status: "draft",
      returnedBy: "Rui",
      returnComment: "请把开场白改短一些。",
    });
    expect(after?.returnedAt).toEqual(expect.any(String));
    // Only a version in review can be sent back. Returning is `scripts.return`: its author withdraws it, and
    // a reviewer may return it too (issue 15 decided who may).
    expect(await code(requestScriptChanges(db, as("reviewer", "Rui"), "greeting", saved.version, "again"))).toBe(
      "CONFLICT",
    );
    await submitScriptVersion(db, as("content-editor", "Ann"), "greeting", saved.version);
    expect(await code(returnScriptVersion(db, as("reviewer", "Rui"), "greeting", saved.version))).toBe("ok");
    await submitScriptVersion(db, as("content-editor", "Ann"), "greeting", saved.version);
    await returnScriptVersion(db, as("content-editor", "Ann"), "greeting", saved.version);
  });

  it("names the published flows that say a script and counts the interactions running on them", async () => {
    const db = t.database.db;
    const before = await scriptUsage(db, t.workspaceId, "greeting");
    expect(before.flows.map((f) => f.key)).toContain("card-transfer-stepup");
    expect(before.runningInteractions).toBe(0);
    expect(await scriptUsage(db, t.workspaceId, "no-such-script")).toEqual({ flows: [], runningInteractions: 0 });

    const engine = createRuntimeEngine(sqlClientFor(t.database));
    const caller = { workspaceId: t.workspaceId, mode: "live" as const };
    await engine.start(caller, { flow: "card-transfer-stepup", channel: "chat" });
    await engine.start(caller, { flow: "card-transfer-stepup", channel: "chat" });
    expect((await scriptUsage(db, t.workspaceId, "greeting")).runningInteractions).toBe(2);
    // A script the flow does not say is not reached by those interactions.
    const welcome = await scriptUsage(db, t.workspaceId, "welcome");
    expect(welcome.flows.map((f) => f.key)).not.toContain("card-transfer-stepup");
    expect(welcome.runningInteractions).toBe(0);
  });
});
