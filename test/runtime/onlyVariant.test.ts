// "Make this the only variant" on a real database with the runtime: a content editor's click makes a new
// draft version of the script; customers keep getting both variants until that draft is submitted and
// approved, and from then on only the chosen one. Who may, what is refused, the audit row.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller, Engine } from "../../server/runtime/engine";
import { createRuntimeScripts } from "../../server/runtime/runtimeScripts";
import { createRuntimeEngine } from "../../server/services/runtimeEngine";
import { sqlClientFor } from "../../server/db/sqlClient";
import { publishFlow } from "../../server/services/publishing";
import {
  approveScriptVersion,
  getScript,
  importScriptDocument,
  makeOnlyVariant,
  submitScriptVersion,
} from "../../server/services/scripts";
import { AppError } from "../../server/errors/appError";
import type { MemberSession, StudioRole } from "../../server/services/memberSession";
import { openTestDatabase, type TestDatabase } from "./testDatabase";

let db: TestDatabase;
let engine: Engine;
let caller: Caller;
const person = (role: StudioRole): MemberSession => ({
  workspaceId: db.workspaceId,
  user: { id: `${role}-1`, name: role, role },
});
const code = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof AppError ? e.code : String(e)),
  );

/** The texts `n` new customers got at `hello` (the workspace's default locale, zh-CN), with the version rendered. */
async function sent(n: number): Promise<{ texts: Set<string>; versions: Set<number> }> {
  const texts = new Set<string>();
  const versions = new Set<number>();
  for (let i = 0; i < n; i++) {
    const view = await engine.start(caller, { flow: "only-variant-flow", channel: "chat" });
    const [row] = await engine.sql.query<{ text: string; script: { version: number } }>(
      "select text, script from outbox where interaction_id = $1 and node = 'hello'",
      [view.id],
    );
    texts.add(row?.text ?? "");
    versions.add(row?.script.version ?? 0);
  }
  return { texts, versions };
}

beforeAll(async () => {
  db = await openTestDatabase();
  const scripts = createRuntimeScripts({ ttlMs: 0 });
  engine = createRuntimeEngine(sqlClientFor(db.database), { scripts });
  caller = { workspaceId: db.workspaceId, mode: "test" };
  await importScriptDocument(
    db.database.db,
    db.workspaceId,
    {
      schema: "journey-studio/script@1",
      key: "split",
      name: "split",
      variants: [
        { channel: "chat", locale: "zh-CN", weight: 1, text: "甲" },
        { channel: "chat", locale: "zh-CN", weight: 1, text: "乙" },
        { channel: "chat", locale: "en", text: "C" },
      ],
    },
    { approvedBy: "reviewer" },
  );
  const published = await publishFlow(db.database.db, db.workspaceId, {
    schema: "journey-studio/flow@1",
    key: "only-variant-flow",
    name: "only variant",
    kind: "sop",
    channels: ["chat"],
    variables: {},
    nodes: [
      { id: "start", type: "start", position: { x: 0, y: 0 }, data: { trigger: { type: "api" } } },
      { id: "hello", type: "message", position: { x: 0, y: 100 }, data: { script: "split", channel: "chat" } },
      { id: "done", type: "end", position: { x: 0, y: 200 }, data: { outcome: "resolved" } },
    ],
    edges: [
      { id: "e1", source: "start", target: "hello" },
      { id: "e2", source: "hello", target: "done" },
    ],
  });
  expect(published.ok).toBe(true);
}, 60_000);
afterAll(async () => {
  await db?.close();
});

describe("make this the only variant", () => {
  it("is the split to begin with", async () => {
    expect((await sent(24)).texts).toEqual(new Set(["甲", "乙"]));
  });

  it("is refused to roles without scripts.edit", async () => {
    for (const role of ["designer", "reviewer", "viewer"] as const)
      expect(await code(makeOnlyVariant(db.database.db, person(role), { key: "split", variant: "chat/zh-CN#1" }))).toBe(
        "FORBIDDEN",
      );
  });

  it("makes a draft version and changes nothing live until it is approved", async () => {
    const draft = await makeOnlyVariant(db.database.db, person("content-editor"), {
      key: "split",
      variant: "chat/zh-CN#1",
    });
    expect(draft).toEqual({ key: "split", version: 2, basedOn: 1, removed: 1 });
    const script = await getScript(db.database.db, db.workspaceId, "split");
    expect(script.versions.map((v) => [v.version, v.status])).toEqual([
      [2, "draft"],
      [1, "approved"],
    ]);
    const v2 = script.versions.find((v) => v.version === 2)?.document as { variants: unknown[] };
    expect(v2.variants).toEqual([
      { channel: "chat", locale: "zh-CN", text: "乙" },
      { channel: "chat", locale: "en", text: "C" },
    ]);
    // Still version 1, still both.
    expect(await sent(24)).toEqual({ texts: new Set(["甲", "乙"]), versions: new Set([1]) });
    // A second click while the draft waits would overwrite it: refused.
    expect(
      await code(makeOnlyVariant(db.database.db, person("admin"), { key: "split", variant: "chat/zh-CN#0" })),
    ).toBe("CONFLICT");

    await submitScriptVersion(db.database.db, person("content-editor"), "split", 2);
    expect((await sent(8)).versions).toEqual(new Set([1]));
    await approveScriptVersion(db.database.db, person("reviewer"), "split", 2);
    expect(await sent(24)).toEqual({ texts: new Set(["乙"]), versions: new Set([2]) });

    const [audit] = await engine.sql.query<{ actor_id: string; subject_label: string; after: unknown }>(
      "select actor_id, subject_label, after from audit_log where action = 'script.onlyVariant'",
    );
    expect(audit).toEqual({
      actor_id: "content-editor-1",
      subject_label: "split v2",
      after: { version: 2, variant: "chat/zh-CN#1", removed: [0] },
    });
  });

  it("refuses a variant that is already alone, or that the approved version does not have there", async () => {
    expect(
      await code(makeOnlyVariant(db.database.db, person("admin"), { key: "split", variant: "chat/zh-CN#0" })),
    ).toBe("CONFLICT");
    expect(await code(makeOnlyVariant(db.database.db, person("admin"), { key: "split", variant: "chat/en#0" }))).toBe(
      "CONFLICT",
    );
    expect(await code(makeOnlyVariant(db.database.db, person("admin"), { key: "nope", variant: "chat/en#0" }))).toBe(
      "NOT_FOUND",
    );
  });
});
