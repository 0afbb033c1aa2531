import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRuntimeEngine } from "../../server/services/runtimeEngine";
import { sqlClientFor } from "../../server/db/sqlClient";
import { publishFlow } from "../../server/services/publishing";
import {
  approveScriptVersion,
  createScript,
  saveScriptDraft,
  submitScriptVersion,
} from "../../server/services/scripts";
import type { MemberSession } from "../../server/services/memberSession";
import { openTestDatabase, type TestDatabase } from "../runtime/testDatabase";

let t: TestDatabase;
let session: MemberSession;
beforeAll(async () => {
  t = await openTestDatabase();
  session = { workspaceId: t.workspaceId, user: { id: "a", name: "Ann", role: "admin" } };
});
afterAll(async () => t?.close());

const flow = {
  schema: "journey-studio/flow@1",
  key: "scripted",
  name: "Scripted",
  kind: "sop",
  channels: ["sms", "chat"],
  variables: { amount: { type: "number" } },
  nodes: [
    { id: "start", type: "start", position: { x: 0, y: 0 }, data: { trigger: { type: "api" } } },
    { id: "note", type: "message", position: { x: 0, y: 100 }, data: { script: "notice", channel: "sms" } },
    { id: "greet", type: "stage", position: { x: 0, y: 200 }, data: { stage: "opening", script: "hello" } },
    { id: "end", type: "end", position: { x: 0, y: 300 }, data: { outcome: "resolved" } },
  ],
  edges: [
    { id: "e1", source: "start", target: "note" },
    { id: "e2", source: "note", target: "greet" },
    { id: "e3", source: "greet", target: "end" },
  ],
};
const doc = (key: string, text: string) => ({
  schema: "journey-studio/script@1",
  key,
  name: key,
  variants: [
    { channel: "chat", text },
    { channel: "sms", text: `${text} Reply STOP` },
  ],
});

describe("the runtime says approved scripts only", () => {
  it("renders step.script.text and the outbox message text from the approved version", async () => {
    const db = t.database.db;
    await createScript(db, session, {
      key: "hello",
      name: "hello",
      document: doc("hello", "Hello {{ customer.name | default: 'there' }}, {{ amount }}."),
    });
    await submitScriptVersion(db, session, "hello", 1);
    await approveScriptVersion(db, session, "hello", 1);
    await saveScriptDraft(db, session, "hello", doc("hello", "DRAFT must not be said")); // v2 draft
    await createScript(db, session, {
      key: "notice",
      name: "notice",
      document: doc("notice", "Notice for {{ customer.name }}."),
    }); // never approved
    expect((await publishFlow(db, t.workspaceId, flow)).ok).toBe(true);

    const sql = sqlClientFor(t.database);
    const engine = createRuntimeEngine(sql);
    const view = await engine.start(
      { workspaceId: t.workspaceId, mode: "live" },
      { flow: "scripted", channel: "chat", context: { amount: 42 } },
    );
    expect(view.step?.script).toMatchObject({ key: "hello", channel: "chat", version: 1, text: "Hello there, 42." });
    expect((await engine.get({ workspaceId: t.workspaceId, mode: "live" }, view.id)).step?.script?.text).toBe(
      "Hello there, 42.",
    );
    // The unapproved script's message is queued without a script version or text.
    const outbox = await sql.query<{ node: string; script: unknown; text: string | null; payload: { text?: string } }>(
      "select node, script, text, payload from outbox where payload->>'interactionId' = $1",
      [view.id],
    );
    expect(outbox.map((o) => [o.script, o.text, o.payload.text])).toEqual([[null, null, undefined]]);

    await submitScriptVersion(db, session, "notice", 1);
    await approveScriptVersion(db, session, "notice", 1);
    engine.scripts.clear();
    const second = await engine.start(
      { workspaceId: t.workspaceId, mode: "live" },
      { flow: "scripted", channel: "chat", context: { amount: 1 } },
    );
    const rows = await sql.query<{
      script: { key: string; version: number } | null;
      text: string | null;
      payload: { text?: string; rendered?: { segments?: number } };
    }>("select script, text, payload from outbox where payload->>'interactionId' = $1", [second.id]);
    expect(rows[0]?.script).toMatchObject({ key: "notice", version: 1 });
    expect(rows[0]?.text).toBe("Notice for . Reply STOP");
    expect(rows[0]?.payload.text).toBe("Notice for . Reply STOP");
    expect(rows[0]?.payload.rendered?.segments).toBe(1);
  });
});
