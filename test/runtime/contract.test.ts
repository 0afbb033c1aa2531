// Contract v1.1 pieces over real HTTP against the real server process: bad input is a 4xx problem with a
// stable code (never a 500), and nothing a designer wrote vanishes silently.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRuntimeEngine } from "../../server/services/runtimeEngine";
import { sqlClientFor } from "../../server/db/sqlClient";
import { setFlowArchived } from "../../server/services/flows/flowDrafts";
import { importExampleFlows } from "../../server/services/importDocuments";
import { publishFlow } from "../../server/services/publishing";
import { prepareDatabase, type Prepared } from "./prepareDatabase";
import { apiClient, startServer, type ApiAnswer, type ApiCall, type ServerProcess } from "./serverProcess";
import { serverUrl } from "./testDatabase";
import { testFlow } from "./testFlows";

const kinds = serverUrl ? (["pglite", "postgres"] as const) : (["pglite"] as const);

function expectProblem(res: ApiAnswer, status: number, code: string): void {
  expect({ status: res.status, code: res.body.code }, JSON.stringify(res.body)).toEqual({ status, code });
  expect(res.headers.get("content-type")).toBe("application/problem+json");
}

/** The counter test flow with something changed in its raw JSON text. */
function counterWith(replace: (text: string) => string): unknown {
  return JSON.parse(replace(JSON.stringify(testFlow("counter"))));
}

describe.each(kinds)("runtime contract v1.1 over HTTP on %s", (kind) => {
  let prepared: Prepared;
  let server: ServerProcess;
  let test: ApiCall;
  let other: ApiCall;
  const refusedPublishes: Record<string, string[]> = {};
  /** Started on the counter flow before it was archived. */
  let runningBeforeArchive = "";

  beforeAll(async () => {
    prepared = await prepareDatabase(kind, async (database, workspaceId) => {
      const attempts: Record<string, unknown> = {
        protoVariable: counterWith((t) => t.replace('"variables":{', '"variables":{"__proto__":{"type":"string"},')),
        constructorVariable: counterWith((t) =>
          t.replace('"variables":{', '"variables":{"constructor":{"type":"number"},"prototype":{"type":"string"},'),
        ),
        protoAssign: counterWith((t) => t.replace('"assign":{', '"assign":{"__proto__":"1",')),
        longWait: JSON.parse(JSON.stringify(testFlow("wait-briefly")).replace('"PT2S"', '"P99999Y"')),
      };
      for (const [name, document] of Object.entries(attempts)) {
        const result = await publishFlow(database.db, workspaceId, document);
        refusedPublishes[name] = result.ok ? [] : result.diagnostics.map((d) => d.code);
      }
      // Archived flows: one started before archiving keeps running.
      for (const name of ["counter", "wait-briefly"] as const) {
        const published = await publishFlow(database.db, workspaceId, testFlow(name));
        if (!published.ok) throw new Error(`${name} did not publish`);
      }
      const engine = createRuntimeEngine(sqlClientFor(database));
      runningBeforeArchive = (
        await engine.start({ workspaceId, mode: "test" }, { flow: "test-counter", channel: "chat" })
      ).id;
      await setFlowArchived(database.db, workspaceId, "test-counter", true);
      await setFlowArchived(database.db, workspaceId, "first-120-days", true);
      // Locales: the other workspace speaks English to customers without a locale.
      const [otherWorkspace] = await sqlClientFor(database).query<{ id: string }>(
        "update workspaces set default_locale = 'en' where slug = 'other' returning id",
      );
      await importExampleFlows(database.db, otherWorkspace?.id ?? "");
    });
    server = await startServer(prepared.target);
    test = apiClient(server.url, prepared.keys.test);
    other = apiClient(server.url, prepared.keys.otherTest);
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    await prepared?.cleanup();
  });

  it("refuses flow documents whose names would vanish: __proto__ anywhere, object machinery as variables", () => {
    expect(refusedPublishes.protoVariable).toContain("RESERVED_VARIABLE_NAME");
    expect(refusedPublishes.constructorVariable).toEqual(["RESERVED_VARIABLE_NAME", "RESERVED_VARIABLE_NAME"]);
    expect(refusedPublishes.protoAssign).toContain("FORBIDDEN_KEY");
    expect(refusedPublishes.longWait).toContain("INVALID_NODE_DATA");
  });

  it("answers clock moves out of range with 400 DURATION_OUT_OF_RANGE, not 500", async () => {
    const started = await test("POST", "/interactions", { flow: "chat-escalation", channel: "chat" });
    const id = String(started.body.id);
    for (const advance of ["P99999Y", "PT99999999999999999999S", "P10Y1D", "P600W"])
      expectProblem(await test("POST", `/interactions/${id}/clock`, { advance }), 400, "DURATION_OUT_OF_RANGE");
    expectProblem(await test("POST", `/interactions/${id}/clock`, { advance: "soon" }), 400, "INVALID_DURATION");
    expect((await test("POST", `/interactions/${id}/clock`, { advance: "P10Y" })).status).toBe(200);
  });

  it("answers input the database cannot hold with 400 VALIDATION_FAILED, not 500", async () => {
    const start = { flow: "chat-escalation", channel: "chat" };
    const cases: Array<[string, string, unknown]> = [
      ["POST", "/interactions", { ...start, version: 2_147_483_648 }],
      ["POST", "/interactions", { ...start, flow: "chat-escalation\u0000" }],
      ["POST", "/interactions", { ...start, context: { note: "a\u0000b" } }],
      ["POST", "/interactions", `{"flow":"chat-escalation","channel":"chat","context":{"__proto__":{"x":1}}}`],
      [
        "POST",
        "/interactions",
        `{"flow":"chat-escalation","channel":"chat","context":${'{"a":'.repeat(5000)}1${"}".repeat(5000)}}`,
      ],
      ["GET", "/interactions?customer=%00", undefined],
      ["GET", "/interactions?flow=a%00", undefined],
      ["PUT", "/customers/a%00b", {}],
      ["PUT", "/customers/c-1", { name: "\u0000" }],
      ["PUT", "/customers/c-1", { birthday: "0000-01-01" }],
      ["PUT", "/customers/c-1", { timezone: "Mars/Olympus" }],
      ["POST", "/events", { customer: { id: "a\u0000" }, type: "x" }],
      ["POST", "/events", { customer: { channel: "sms", address: "\u0000" }, type: "x" }],
    ];
    for (const [method, path, body] of cases) {
      const res = await test(method, path, body);
      expect({ status: res.status, code: res.body.code }, `${method} ${path} ${String(body)}`).toEqual({
        status: 400,
        code: "VALIDATION_FAILED",
      });
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
  });

  it("an archived flow starts nothing (409 FLOW_ARCHIVED, no event trigger); running ones finish on their version", async () => {
    expectProblem(await test("POST", "/interactions", { flow: "test-counter", channel: "chat" }), 409, "FLOW_ARCHIVED");
    expectProblem(
      await test("POST", "/interactions", { flow: "test-counter", channel: "chat", version: 1 }),
      409,
      "FLOW_ARCHIVED",
    );
    // first-120-days starts on customer.onboarded; archived (and the server's start-up import of the examples
    // does not bring it back), the event starts nothing.
    const event = await test("POST", "/events", { customer: { id: "archived-1" }, type: "customer.onboarded" });
    expect(event.status).toBe(200);
    expect(event.body.started).toEqual([]);
    // (Not archived, the same event starts first-120-days: test/runtime/http.test.ts.)
    expect((await test("POST", `/interactions/${runningBeforeArchive}/events`, { type: "tick" })).status).toBe(200);
    const finished = await test("POST", `/interactions/${runningBeforeArchive}/events`, { type: "finish" });
    expect(finished.body).toMatchObject({
      status: "completed",
      outcome: "resolved",
      version: 1,
      context: { count: 1 },
    });
  });

  it("POST /interactions/{id}/cancel ends one: failed, cancelled, timers cancelled, in its history; 409 once ended", async () => {
    const started = await test("POST", "/interactions", { flow: "test-wait-briefly", channel: "sms" });
    expect(started.body).toMatchObject({ status: "waiting", step: { node: "pause" } });
    const id = String(started.body.id);
    const cancelled = await test("POST", `/interactions/${id}/cancel`, { reason: "customer hung up" });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ id, status: "failed", outcome: "cancelled", step: null });
    expect(await test("GET", `/interactions/${id}`)).toMatchObject({ status: 200, body: cancelled.body });
    // The two-second timer does not fire: the clock moves past it and nothing happens.
    const moved = await test("POST", `/interactions/${id}/clock`, { advance: "PT1H" });
    expect(moved.body).toMatchObject({ status: "failed", outcome: "cancelled", fired: [] });
    const history = await test("GET", `/interactions/${id}/history`);
    expect((history.body.data as Array<{ type: string }>).map((e) => e.type)).toEqual([
      "interaction.started",
      "interaction.cancelled",
    ]);
    expect((history.body.data as Array<{ data: unknown; fromNode: string }>)[1]).toMatchObject({
      data: { reason: "customer hung up" },
      fromNode: "pause",
    });
    expectProblem(await test("POST", `/interactions/${id}/cancel`), 409, "INTERACTION_ENDED");
    expectProblem(await test("POST", `/interactions/${id}/events`, { type: "anything" }), 409, "INTERACTION_ENDED");
    expectProblem(
      await test("POST", "/interactions/00000000-0000-4000-8000-000000000000/cancel"),
      404,
      "INTERACTION_NOT_FOUND",
    );
    expectProblem(await test("POST", `/interactions/${id}/cancel`, { why: "no" }), 400, "VALIDATION_FAILED");

    // A completed interaction cannot be cancelled.
    const done = await test("POST", "/interactions", {
      flow: "warranty-check",
      channel: "chat",
      context: { productAgeMonths: 14 },
    });
    expect(done.body.status).toBe("completed");
    expectProblem(await test("POST", `/interactions/${String(done.body.id)}/cancel`), 409, "INTERACTION_ENDED");

    // Idempotency-Key: the same cancel twice gives the first answer again.
    const open = await test("POST", "/interactions", { flow: "chat-escalation", channel: "chat" });
    const openId = String(open.body.id);
    const first = await test("POST", `/interactions/${openId}/cancel`, undefined, { "idempotency-key": "cancel-1" });
    const again = await test("POST", `/interactions/${openId}/cancel`, undefined, { "idempotency-key": "cancel-1" });
    expect(first).toMatchObject({ status: 200, body: { status: "failed", outcome: "cancelled" } });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
  });

  it("scripts speak the customer's locale, else the workspace's default (zh-CN unless set); never a draw across locales", async () => {
    const greetings = async (call: ApiCall, customer: string, profile: Record<string, unknown>, times = 6) => {
      const put = await call("PUT", `/customers/${customer}`, profile);
      expect(put.status, JSON.stringify(put.body)).toBe(201);
      const texts: string[] = [];
      for (let i = 0; i < times; i++) {
        const res = await call("POST", "/interactions", {
          flow: "chat-escalation",
          channel: "chat",
          customer: { id: customer },
        });
        texts.push(String((res.body.step as { script: { text: string } }).script.text));
      }
      return { put: put.body, texts };
    };
    const chinese = /[\u4e00-\u9fff]/;
    // No locale: zh-CN, A/B split between its two styles only (the English variant used to come up a third of the time).
    const none = await greetings(test, "loc-none", { name: "王女士" });
    expect(none.put).toMatchObject({ locale: null });
    for (const text of none.texts) expect(text).toMatch(chinese);
    const english = await greetings(test, "loc-en", { locale: "en" });
    expect(english.put).toMatchObject({ locale: "en" });
    expect(new Set(english.texts)).toEqual(new Set(["Hi there! How can I help you today?"]));
    // Same language: zh-TW speaks the zh-CN variants.
    for (const text of (await greetings(test, "loc-tw", { locale: "zh-TW" }, 3)).texts) expect(text).toMatch(chinese);
    // The other workspace's default locale is en.
    const otherNone = await greetings(other, "loc-other", {}, 3);
    expect(new Set(otherNone.texts)).toEqual(new Set(["Hi there! How can I help you today?"]));
    // A locale is kept until changed, and must be a locale tag.
    expect((await test("PUT", "/customers/loc-en", { name: "Ann" })).body).toMatchObject({ locale: "en", name: "Ann" });
    expect((await test("PUT", "/customers/loc-en", { locale: null })).body).toMatchObject({ locale: null });
    expectProblem(await test("PUT", "/customers/loc-en", { locale: "not a locale!" }), 400, "VALIDATION_FAILED");
  });

  it("logged no 500", () => {
    expect(server.output()).not.toMatch(/→ 5\d\d|INTERNAL|Error:/);
  });
});
