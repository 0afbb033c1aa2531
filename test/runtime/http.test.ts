// The runtime API over real HTTP against the real server process: every example run on test clocks,
// the contract's error codes for bad inputs, idempotency, isolation; and no 500 in the server's log.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customerProfile, exampleDocument, exampleRuns, runLines } from "./examples";
import { prepareDatabase, type Prepared } from "./prepareDatabase";
import { apiClient, startServer, type ApiCall, type ServerProcess } from "./serverProcess";
import { serverUrl } from "./testDatabase";

const kinds = serverUrl ? (["pglite", "postgres"] as const) : (["pglite"] as const);

describe.each(kinds)("runtime API over HTTP on %s", (kind) => {
  let prepared: Prepared;
  let server: ServerProcess;
  let test: ApiCall;
  let live: ApiCall;
  let other: ApiCall;
  let anonymous: ApiCall;

  beforeAll(async () => {
    prepared = await prepareDatabase(kind);
    server = await startServer(prepared.target);
    test = apiClient(server.url, prepared.keys.test);
    live = apiClient(server.url, prepared.keys.live);
    other = apiClient(server.url, prepared.keys.otherTest);
    anonymous = apiClient(server.url, undefined);
  });
  afterAll(async () => {
    await server?.stop();
    await prepared?.cleanup();
  });

  it("lists the published examples", async () => {
    const res = await test("GET", "/flows");
    expect(res.status).toBe(200);
    const keys = (res.body.data as Array<{ key: string; version: number }>).map((f) => f.key);
    expect(keys).toEqual([
      "birthday-greeting",
      "card-transfer-stepup",
      "chat-escalation",
      "fault-diagnosis",
      "first-120-days",
      "post-contact-survey",
      "warranty-check",
    ]);
  });

  it("runs every example journey to its expected outcome on test clocks", async () => {
    const runs = exampleRuns();
    await Promise.all(
      runs.map(async (run, index) => {
        const customerId = `http-${index}`;
        expect((await test("PUT", `/customers/${customerId}`, customerProfile(run.customer))).status).toBe(201);
        const channel = exampleDocument(run.flow).channels[0];
        let res = await test("POST", "/interactions", {
          flow: run.flow,
          channel,
          customer: { id: customerId },
          ...(run.context ? { context: run.context } : {}),
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        const id = String(res.body.id);
        for (const line of runLines(run)) {
          res =
            "advance" in line
              ? await test("POST", `/interactions/${id}/clock`, line)
              : await test("POST", `/interactions/${id}/events`, line);
          expect(res.status, `${run.events}: ${JSON.stringify(line)} → ${JSON.stringify(res.body)}`).toBe(200);
        }
        expect(res.body).toMatchObject({
          status: "completed",
          outcome: run.expect.outcome,
          mode: "test",
          customer: { id: customerId },
        });
        const history = await test("GET", `/interactions/${id}/history`);
        const seqs = (history.body.data as Array<{ seq: number }>).map((e) => e.seq);
        expect(seqs).toEqual(seqs.map((_, i) => i));
      }),
    );
    const completed = await test("GET", "/interactions?status=completed&limit=200");
    expect((completed.body.data as unknown[]).length).toBe(runs.length);
  });

  it("answers an interaction as the contract shows it", async () => {
    const started = await test("POST", "/interactions", {
      flow: "card-transfer-stepup",
      channel: "chat",
      customer: { channel: "sms", address: "+8613800000000" },
      context: { amount: 80000 },
    });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      flow: "card-transfer-stepup",
      version: 1,
      status: "active",
      channel: "chat",
      context: { amount: 80000 },
    });
    const step = started.body.step as { node: string; accepts: string[] };
    expect(step.accepts.length).toBeGreaterThan(0);
    const again = await test("GET", `/interactions/${String(started.body.id)}`);
    expect(again.body).toEqual(started.body);
  });

  it("refuses bad input with 4xx problem codes", async () => {
    const expectProblem = (
      res: { status: number; body: Record<string, unknown>; headers: Headers },
      status: number,
      code: string,
    ) => {
      expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    };
    expectProblem(await anonymous("GET", "/flows"), 401, "UNAUTHORIZED");
    expectProblem(
      await apiClient(server.url, "js_live_nottherightkeyatallnottherightkey")("GET", "/flows"),
      401,
      "UNAUTHORIZED",
    );
    expectProblem(await test("POST", "/interactions", { flow: "card-transfer-stepup" }), 400, "VALIDATION_FAILED");
    expectProblem(await test("POST", "/interactions", "{not json"), 400, "INVALID_JSON");
    expectProblem(
      await test("POST", "/interactions", { flow: "no-such-flow", channel: "chat" }),
      404,
      "FLOW_NOT_FOUND",
    );
    expectProblem(
      await test("POST", "/interactions", { flow: "card-transfer-stepup", channel: "chat", version: 99 }),
      404,
      "FLOW_NOT_FOUND",
    );
    expectProblem(
      await test("POST", "/interactions", { flow: "card-transfer-stepup", channel: "email" }),
      422,
      "CHANNEL_NOT_SUPPORTED",
    );
    expectProblem(await test("GET", "/interactions/not-a-uuid"), 404, "INTERACTION_NOT_FOUND");
    expectProblem(await test("GET", "/interactions?cursor=garbage"), 400, "VALIDATION_FAILED");
    expectProblem(await test("PUT", "/customers/c-bad", { birthday: "yesterday" }), 400, "VALIDATION_FAILED");

    const started = await test("POST", "/interactions", {
      flow: "warranty-check",
      channel: "chat",
      context: { productAgeMonths: 14 },
    });
    const id = String(started.body.id);
    expect(started.body.status).toBe("completed");
    expectProblem(await test("POST", `/interactions/${id}/events`, { type: "anything" }), 409, "INTERACTION_ENDED");

    const open = await test("POST", "/interactions", { flow: "chat-escalation", channel: "chat" });
    const openId = String(open.body.id);
    const refused = await test("POST", `/interactions/${openId}/events`, { type: "no.such.event" });
    expectProblem(refused, 422, "EVENT_NOT_ACCEPTED");
    expect(refused.body.accepts).toEqual((open.body.step as { accepts: string[] }).accepts);
    expectProblem(
      await test("POST", `/interactions/${openId}/events`, { type: "timer.opening" }),
      422,
      "EVENT_NOT_ACCEPTED",
    );
    expectProblem(
      await test("POST", `/interactions/${openId}/clock`, { advance: "three days" }),
      400,
      "INVALID_DURATION",
    );

    // Isolation: another workspace, or the other mode, does not see it.
    expectProblem(await other("GET", `/interactions/${openId}`), 404, "INTERACTION_NOT_FOUND");
    expectProblem(
      await other("POST", `/interactions/${openId}/events`, { type: "next" }),
      404,
      "INTERACTION_NOT_FOUND",
    );
    expectProblem(await live("GET", `/interactions/${openId}`), 404, "INTERACTION_NOT_FOUND");
    expectProblem(
      await other("POST", "/interactions", { flow: "chat-escalation", channel: "chat" }),
      404,
      "FLOW_NOT_FOUND",
    );

    // Test clocks are for test keys.
    const liveStarted = await live("POST", "/interactions", { flow: "chat-escalation", channel: "chat" });
    expect(liveStarted.body.mode).toBe("live");
    expectProblem(
      await live("POST", `/interactions/${String(liveStarted.body.id)}/clock`, { advance: "P1D" }),
      403,
      "TEST_CLOCK_FORBIDDEN",
    );
  });

  it("gives the first answer again for a repeated Idempotency-Key, and 422 for another body under it", async () => {
    const body = { flow: "chat-escalation", channel: "chat", customer: { id: "idem-1" } };
    const first = await test("POST", "/interactions", body, { "idempotency-key": "k-1" });
    const second = await test("POST", "/interactions", body, { "idempotency-key": "k-1" });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    const reused = await test(
      "POST",
      "/interactions",
      { ...body, customer: { id: "idem-2" } },
      { "idempotency-key": "k-1" },
    );
    expect({ status: reused.status, code: reused.body.code }).toEqual({ status: 422, code: "IDEMPOTENCY_KEY_REUSED" });
    const list = await test("GET", "/interactions?customer=idem-1");
    expect((list.body.data as unknown[]).length).toBe(1);

    // An event sent twice with one key is applied once.
    const id = String(first.body.id);
    const accepts = (first.body.step as { accepts: string[] }).accepts;
    const type = accepts[0] ?? "next";
    const e1 = await test("POST", `/interactions/${id}/events`, { type }, { "idempotency-key": "e-1" });
    const e2 = await test("POST", `/interactions/${id}/events`, { type }, { "idempotency-key": "e-1" });
    expect(e2.body).toEqual(e1.body);
    const history = await test("GET", `/interactions/${id}/history`);
    expect((history.body.data as unknown[]).length).toBe(2);

    // The stored answer is the text the first client got, byte for byte (the event's own statement
    // stored it), and a replay gives those bytes again.
    const fresh = await test("POST", "/interactions", { ...body, customer: { id: "idem-bytes" } });
    const freshType = (fresh.body.step as { accepts: string[] }).accepts[0] ?? "next";
    const raw = async (key: string) => {
      const res = await fetch(`${server.url}/api/v1/interactions/${String(fresh.body.id)}/events`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${prepared.keys.test}`,
          "content-type": "application/json",
          "idempotency-key": key,
        },
        body: JSON.stringify({ type: freshType }),
      });
      return { status: res.status, replayed: res.headers.get("idempotent-replayed"), text: await res.text() };
    };
    const firstBytes = await raw("e-bytes");
    const againBytes = await raw("e-bytes");
    expect(firstBytes.status).toBe(200);
    expect(againBytes).toEqual({ ...firstBytes, replayed: "true" });
  });

  it("pages newest first with a cursor", async () => {
    for (let i = 0; i < 3; i++)
      await test("POST", "/interactions", { flow: "chat-escalation", channel: "chat", customer: { id: "pager" } });
    const first = await test("GET", "/interactions?customer=pager&limit=2");
    const page1 = first.body.data as Array<{ id: string; createdAt: string }>;
    expect(page1.length).toBe(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await test("GET", `/interactions?customer=pager&limit=2&cursor=${String(first.body.nextCursor)}`);
    const page2 = second.body.data as Array<{ id: string }>;
    expect(page2.length).toBe(1);
    expect(second.body.nextCursor).toBeNull();
    expect(new Set([...page1, ...page2].map((i) => i.id)).size).toBe(3);
  });

  it("POST /events starts flows triggered by the event and delivers it to waiting interactions", async () => {
    const started = await test("POST", "/events", { customer: { id: "onboard-1" }, type: "customer.onboarded" });
    expect(started.status).toBe(200);
    expect((started.body.started as string[]).length).toBe(1);
    const id = (started.body.started as string[])[0] ?? "";
    const interaction = await test("GET", `/interactions/${id}`);
    expect(interaction.body.flow).toBe("first-120-days");
    const step = interaction.body.step as { accepts: string[] };
    // Advance to a step that waits for an event, then deliver it through /events.
    let current = interaction.body;
    for (let i = 0; i < 5 && (current.step as { accepts: string[] }).accepts.length === 0; i++) {
      current = (await test("POST", `/interactions/${id}/clock`, { advance: "P7D" })).body;
    }
    const accepts = (current.step as { accepts: string[] }).accepts;
    expect(step).toBeDefined();
    if (accepts[0]) {
      const delivered = await test("POST", "/events", { customer: { id: "onboard-1" }, type: accepts[0] });
      expect(delivered.body.delivered).toEqual([id]);
    }
  });

  it("serves an OpenAPI 3.1 document with the runtime's paths", async () => {
    const doc = await anonymous("GET", "/openapi.json");
    expect(doc.status).toBe(200);
    const paths = Object.keys(doc.body.paths as object);
    for (const p of [
      "/api/v1/flows",
      "/api/v1/interactions",
      "/api/v1/interactions/{id}",
      "/api/v1/interactions/{id}/events",
      "/api/v1/interactions/{id}/history",
      "/api/v1/interactions/{id}/clock",
      "/api/v1/customers/{id}",
      "/api/v1/events",
    ]) {
      expect(paths).toContain(p);
    }
  });

  it("refuses a body over 1 MiB with 413", async () => {
    const res = await test(
      "POST",
      "/interactions",
      JSON.stringify({ flow: "x".repeat(1024 * 1024 + 10), channel: "chat" }),
    );
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 413, code: "PAYLOAD_TOO_LARGE" });
  });

  it("logged no 500", () => {
    expect(server.output()).not.toMatch(/→ 5\d\d|INTERNAL|Error:/);
  });
});
