// Issue 14, item 7: a snippet is reviewed once, put into many scripts, rendered by the runtime from its
// approved version, and lists the scripts that use it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../server/errors/appError";
import { createRuntimeEngine } from "../../server/services/runtimeEngine";
import { sqlClientFor } from "../../server/db/sqlClient";
import { publishFlow } from "../../server/services/publishing";
import {
  approveScriptVersion,
  createScript,
  saveScriptDraft,
  scriptUsage,
  snippetUsedBy,
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

const script = (key: string, text: string, extra: object = {}) => ({
  schema: "journey-studio/script@1",
  key,
  name: key,
  variants: [{ channel: "sms", locale: "zh-CN", text }],
  ...extra,
});
const snippetDoc = (text: string) => script("opt-out", text, { kind: "snippet" });
const editorDoc = {
  schema: "journey-studio/script@1",
  key: "bill",
  name: "bill",
  variants: [
    {
      channel: "sms",
      locale: "zh-CN",
      doc: {
        type: "doc",
        content: [
          {
            type: "paragraph",
            content: [
              { type: "text", text: "您的账单已出。" },
              { type: "snippet", attrs: { key: "opt-out" } },
            ],
          },
        ],
      },
    },
  ],
};
const flow = {
  schema: "journey-studio/flow@1",
  key: "billing",
  name: "Billing",
  kind: "sop",
  channels: ["sms"],
  nodes: [
    { id: "start", type: "start", position: { x: 0, y: 0 }, data: { trigger: { type: "api" } } },
    { id: "tell", type: "stage", position: { x: 0, y: 100 }, data: { stage: "opening", script: "bill" } },
    { id: "end", type: "end", position: { x: 0, y: 200 }, data: { outcome: "resolved" } },
  ],
  edges: [
    { id: "e1", source: "start", target: "tell" },
    { id: "e2", source: "tell", target: "end" },
  ],
};
const diagnosticCodes = (p: Promise<unknown>) =>
  p.then(
    () => [],
    (e: unknown) => {
      if (!(e instanceof AppError)) throw e;
      return [e.code, ...(e.extensions.diagnostics as { code: string }[]).map((d) => d.code)];
    },
  );

describe("snippets", () => {
  it("a script is submitted once its snippets are approved; the runtime says the approved snippet", async () => {
    const db = t.database.db;
    await createScript(db, session, { key: "opt-out", name: "opt-out", document: snippetDoc("回T退订") });
    await createScript(db, session, { key: "bill", name: "bill", document: editorDoc });
    await createScript(db, session, {
      key: "promo",
      name: "promo",
      document: script("promo", "新品上市 [snippet opt-out]"),
    });
    expect(await snippetUsedBy(db, t.workspaceId, "opt-out")).toEqual([
      { key: "bill", name: "bill", version: 1, status: "draft" },
      { key: "promo", name: "promo", version: 1, status: "draft" },
    ]);

    // The snippet has no approved version yet: the script cannot go to review.
    expect(await diagnosticCodes(submitScriptVersion(db, session, "bill", 1))).toEqual([
      "SCRIPT_HAS_ERRORS",
      "snippet-missing",
      "disclosure-missing",
    ]);
    await submitScriptVersion(db, session, "opt-out", 1); // a snippet alone needs no opt-out words
    await approveScriptVersion(db, session, "opt-out", 1);
    await submitScriptVersion(db, session, "bill", 1);
    await approveScriptVersion(db, session, "bill", 1);
    expect((await publishFlow(db, t.workspaceId, flow)).ok).toBe(true);

    const engine = createRuntimeEngine(sqlClientFor(t.database));
    const ws = { workspaceId: t.workspaceId, mode: "live" as const };
    const first = await engine.start(ws, { flow: "billing", channel: "sms" });
    expect(first.step?.script).toMatchObject({ key: "bill", version: 1, text: "您的账单已出。回T退订" });

    // Approving the snippet changes what the published flow says, through the script that puts it in.
    expect((await scriptUsage(db, t.workspaceId, "opt-out")).flows.map((f) => f.key)).toEqual(["billing"]);
    // A new draft of the snippet changes nothing; its approval reaches every script that uses it.
    await saveScriptDraft(db, session, "opt-out", snippetDoc("退订回TD"));
    engine.scripts.clear();
    expect((await engine.start(ws, { flow: "billing", channel: "sms" })).step?.script?.text).toBe(
      "您的账单已出。回T退订",
    );
    await submitScriptVersion(db, session, "opt-out", 2);
    await approveScriptVersion(db, session, "opt-out", 2);
    engine.scripts.clear();
    expect((await engine.start(ws, { flow: "billing", channel: "sms" })).step?.script?.text).toBe(
      "您的账单已出。退订回TD",
    );
  });

  it("a cycle between snippets refuses submission", async () => {
    const db = t.database.db;
    await createScript(db, session, {
      key: "loop-a",
      name: "loop-a",
      document: script("loop-a", "A [snippet loop-b]", { kind: "snippet" }),
    });
    await createScript(db, session, {
      key: "loop-b",
      name: "loop-b",
      document: script("loop-b", "B", { kind: "snippet" }),
    });
    await submitScriptVersion(db, session, "loop-b", 1);
    await approveScriptVersion(db, session, "loop-b", 1);
    await submitScriptVersion(db, session, "loop-a", 1);
    await approveScriptVersion(db, session, "loop-a", 1);
    await saveScriptDraft(db, session, "loop-b", script("loop-b", "B [snippet loop-a]", { kind: "snippet" }));
    expect(await diagnosticCodes(submitScriptVersion(db, session, "loop-b", 2))).toEqual([
      "SCRIPT_HAS_ERRORS",
      "snippet-cycle",
    ]);
  });
});
