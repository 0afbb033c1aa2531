// Issue 14, item 6: the runtime says the variant of the style the node wants (locale first, then style,
// then A/B), on a stage's step and on a message node's outbox row.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRuntimeEngine } from "../../server/services/runtimeEngine";
import { sqlClientFor } from "../../server/db/sqlClient";
import { publishFlow } from "../../server/services/publishing";
import { approveScriptVersion, createScript, submitScriptVersion } from "../../server/services/scripts";
import type { MemberSession } from "../../server/services/memberSession";
import { openTestDatabase, type TestDatabase } from "../runtime/testDatabase";

let t: TestDatabase;
let session: MemberSession;
beforeAll(async () => {
  t = await openTestDatabase();
  session = { workspaceId: t.workspaceId, user: { id: "a", name: "Ann", role: "admin" } };
});
afterAll(async () => t?.close());

const apology = {
  schema: "journey-studio/script@1",
  key: "apology",
  name: "Apology",
  variants: [
    { channel: "chat", locale: "zh-CN", style: "brisk", text: "抱歉，马上处理。" },
    { channel: "chat", locale: "zh-CN", style: "empathetic", weight: 1, text: "非常理解您的心情，我们一起来解决。" },
    { channel: "chat", locale: "zh-CN", style: "empathetic", weight: 0, text: "never said" },
    { channel: "chat", locale: "en", text: "Sorry, on it." },
  ],
};
const flow = (stageStyle: object) => ({
  schema: "journey-studio/flow@1",
  key: "styled",
  name: "Styled",
  kind: "sop",
  channels: ["chat"],
  nodes: [
    { id: "start", type: "start", position: { x: 0, y: 0 }, data: { trigger: { type: "api" } } },
    {
      id: "note",
      type: "message",
      position: { x: 0, y: 100 },
      data: { script: "apology", channel: "chat", style: "brisk" },
    },
    {
      id: "calm",
      type: "stage",
      position: { x: 0, y: 200 },
      data: { stage: "dispute", script: "apology", ...stageStyle },
    },
    { id: "end", type: "end", position: { x: 0, y: 300 }, data: { outcome: "resolved" } },
  ],
  edges: [
    { id: "e1", source: "start", target: "note" },
    { id: "e2", source: "note", target: "calm" },
    { id: "e3", source: "calm", target: "end" },
  ],
});

describe("style variants in the runtime", () => {
  it("a stage's wanted style, a message node's own, and the locale before either", async () => {
    const db = t.database.db;
    await createScript(db, session, { key: "apology", name: "Apology", document: apology });
    await submitScriptVersion(db, session, "apology", 1);
    await approveScriptVersion(db, session, "apology", 1);
    expect((await publishFlow(db, t.workspaceId, flow({ style: "formal", styleFallback: ["empathetic"] }))).ok).toBe(
      true,
    );
    const sql = sqlClientFor(t.database);
    const engine = createRuntimeEngine(sql);
    const ws = { workspaceId: t.workspaceId, mode: "live" as const };
    for (let i = 0; i < 5; i++) {
      const view = await engine.start(ws, { flow: "styled", channel: "chat" });
      // No "formal" variant: the fallback style; weight 0 is never drawn.
      expect(view.step?.script).toMatchObject({
        text: "非常理解您的心情，我们一起来解决。",
        variant: "chat/zh-CN/empathetic#1",
      });
      const [message] = await sql.query<{ text: string; script: { variant: string } }>(
        "select text, script from outbox where payload->>'interactionId' = $1",
        [view.id],
      );
      expect(message).toMatchObject({ text: "抱歉，马上处理。", script: { variant: "chat/zh-CN/brisk#0" } });
    }
  });

  it("an English customer gets English whatever style is wanted", async () => {
    const sql = sqlClientFor(t.database);
    await sql.query(
      "insert into customers (workspace_id, external_id, locale) values ($1, 'en-1', 'en') on conflict do nothing",
      [t.workspaceId],
    );
    const engine = createRuntimeEngine(sql);
    const view = await engine.start(
      { workspaceId: t.workspaceId, mode: "live" },
      { flow: "styled", channel: "chat", customer: { id: "en-1" } },
    );
    expect(view.step?.script).toMatchObject({ text: "Sorry, on it.", locale: "en" });
  });
});
