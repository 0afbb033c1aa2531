// CONTRACT §4–§5 over real HTTP with a webhook receiver on loopback: the card-transfer example run to
// each outcome sends signed, typed deliveries `{ id, type, created, data }` (message.send,
// verification.requested, interaction.handoff, interaction.completed, interaction.failed); the
// one-time code path (right, wrong, expired, too many, over the send limit); messages with their
// delivery state and attempts, provider reports; undeliverable messages skipped with a reason at once;
// the post-contact survey starting by itself after a transfer ends.
import { createHmac } from "node:crypto";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqlClientFor } from "../../server/db/sqlClient";
import { importExampleFlows } from "../../server/services/importDocuments";
import { prepareDatabase, type Prepared } from "./prepareDatabase";
import { apiClient, startServer, type ApiCall, type ServerProcess } from "./serverProcess";
import { serverUrl } from "./testDatabase";
import { eventually, startWebhookReceiver } from "./webhookReceiver";
import { strict } from "./openapiStrict";

const kinds = serverUrl ? (["pglite", "postgres"] as const) : (["pglite"] as const);

type Delivery = { id: string; type: string; created: string; data: Record<string, unknown> };
type Message = {
  id: string;
  node: string | null;
  kind: string;
  channel: string;
  address: string | null;
  script?: { key: string; version: number; variant: string };
  text: string | null;
  status: string;
  reason?: string;
  attempts: Array<{ at: string; status: string; error?: string }>;
};

describe.each(kinds)("typed webhooks, messages and one-time codes over HTTP on %s", (kind) => {
  let prepared: Prepared;
  let server: ServerProcess;
  let test: ApiCall;
  let other: ApiCall;
  let hook: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const secret = "whsec_contract";

  beforeAll(async () => {
    hook = await startWebhookReceiver();
    prepared = await prepareDatabase(kind, async (database, workspaceId) => {
      const query = sqlClientFor(database).query;
      await query("insert into webhooks (workspace_id, channel, url, secret) values ($1, 'all', $2, $3)", [
        workspaceId,
        hook.url,
        secret,
      ]);
      // The other workspace runs the examples too, with no webhook at all.
      const [otherWorkspace] = await query<{ id: string }>("select id from workspaces where slug = 'other'");
      await importExampleFlows(database.db, otherWorkspace?.id ?? "");
    });
    server = await startServer(prepared.target, { JOURNEY_OUTBOX_POLL_MS: "100" });
    test = apiClient(server.url, prepared.keys.test);
    other = apiClient(server.url, prepared.keys.otherTest);
    for (const [call, id, addresses] of [
      [
        test,
        "otp-1",
        [
          { channel: "sms", address: "+8613800000011" },
          { channel: "app", address: "app-otp-1" },
        ],
      ],
      [test, "rate-1", [{ channel: "sms", address: "+8613800000012" }]],
      [other, "otp-1", [{ channel: "sms", address: "+8613800000013" }]],
    ] as const) {
      const res = await call("PUT", `/customers/${id}`, { locale: "en", addresses });
      expect(res.status).toBeLessThan(300);
    }
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    await prepared?.cleanup();
    await hook?.close();
  });

  /** The signed deliveries of one interaction received so far (the signature checked on each). */
  function deliveriesOf(interactionId: string): Delivery[] {
    return hook.received
      .map((r) => {
        const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(r.headers["x-signature"]));
        const expected = createHmac("sha256", secret).update(`${match?.[1]}.${r.body}`).digest("hex");
        expect(match?.[2]).toBe(expected);
        const body = JSON.parse(r.body) as Delivery;
        expect(r.headers["x-journey-delivery"]).toBe(body.id);
        return body;
      })
      .filter((d) => d.data.interactionId === interactionId);
  }
  const delivery = (interactionId: string, type: string, extra: (d: Delivery) => boolean = () => true) =>
    eventually(async () => deliveriesOf(interactionId).find((d) => d.type === type && extra(d)));

  async function toVerify(call: ApiCall, customer: string, context: Record<string, unknown>) {
    const started = await call("POST", "/interactions", {
      flow: "card-transfer-stepup",
      channel: "chat",
      customer: { id: customer },
      context,
    });
    expect(started.status).toBe(201);
    const id = String(started.body.id);
    expect((await call("POST", `/interactions/${id}/events`, { type: "customer.identified" })).status).toBe(200);
    const res = await call("POST", `/interactions/${id}/events`, { type: "answer", data: { value: "transfer" } });
    expect(res.status).toBe(200);
    return { id, step: res.body.step as Record<string, unknown> };
  }
  const send = (id: string, type: string, data?: Record<string, unknown>) =>
    test("POST", `/interactions/${id}/events`, data ? { type, data } : { type });
  const messages = async (call: ApiCall, id: string) => {
    const res = await call("GET", `/interactions/${id}/messages`);
    expect(res.status).toBe(200);
    return res.body.data as Message[];
  };
  /** The code the customer received by sms (the runtime's only copy leaves with the delivery). */
  async function receivedCode(id: string): Promise<string> {
    const otp = await delivery(id, "message.send", (d) => d.data.kind === "otp");
    expect(otp.data).toMatchObject({ channel: "sms", address: "+8613800000011", script: { key: "otp-code" } });
    const code = /\b(\d{6})\b/.exec(String(otp.data.text))?.[1];
    expect(code).toBeDefined();
    return String(code);
  }
  const wrong = (code: string) => code.replace(/\d/g, (d) => String((Number(d) + 1) % 10));

  it("sends a one-time code, takes the right one, and completes with interaction.completed; the survey flow starts", async () => {
    const { id, step } = await toVerify(test, "otp-1", { amount: 1200 });
    expect(step).toMatchObject({ node: "verifyOtp", level: 1, methods: ["otp"], attemptsLeft: 3 });
    expect(step.accepts).toContain("verify.submitted");
    const code = await receivedCode(id);

    // The message list: the app notice and the code, sent; the stored text never holds the code.
    const sent = await eventually(async () => {
      const list = await messages(test, id);
      return list.every((m) => m.status === "sent") ? list : undefined;
    });
    expect(sent.map((m) => [m.node, m.kind, m.channel, m.address])).toEqual([
      ["otpSent", "script", "app", "app-otp-1"],
      ["verifyOtp", "otp", "sms", "+8613800000011"],
    ]);
    const otp = sent[1];
    expect(otp?.text).not.toContain(code);
    expect(otp?.text).toContain("••••••");
    expect(otp?.script).toMatchObject({ key: "otp-code", version: 1 });
    expect(otp?.attempts.map((a) => a.status)).toEqual(["sent"]);

    // A malformed code is a 400, and counts for nothing.
    expect((await send(id, "verify.submitted", { code: "12ab" })).body.code).toBe("VALIDATION_FAILED");
    const right = await send(id, "verify.submitted", { code });
    expect(right.status).toBe(200);
    expect((right.body.step as { node: string }).node).toBe("confirm");
    for (const type of ["next", "transfer.succeeded", "next"]) expect((await send(id, type)).status).toBe(200);
    const done = await send(id, "survey.answered", { score: 5 });
    expect(done.body).toMatchObject({ status: "completed", outcome: "resolved" });

    const completed = await delivery(id, "interaction.completed");
    expect(completed.data).toMatchObject({
      flow: "card-transfer-stepup",
      outcome: "resolved",
      customer: { id: "otp-1" },
    });
    expect(Date.parse(completed.created)).not.toBeNaN();
    // History: the code never appears; the runtime's decision does.
    const history = (await test("GET", `/interactions/${id}/history`)).body.data as Array<{
      type: string;
      data: unknown;
    }>;
    expect(history.find((e) => e.type === "verify.passed")?.data).toEqual({ method: "otp" });
    expect(JSON.stringify(history)).not.toContain(code);

    // interaction.completed is a customer event too: the post-contact survey starts by itself.
    const survey = await eventually(async () => {
      const res = await test("GET", "/interactions?customer=otp-1&flow=post-contact-survey");
      const data = res.body.data as Array<{ id: string; step: { node: string } | null }>;
      return data.length > 0 ? data : undefined;
    });
    expect(survey).toHaveLength(1);
    expect(survey[0]?.step?.node).toBe("csatSurvey");

    // A provider reports the code delivered; the same report again changes nothing; a later failure is refused.
    const report = await test("POST", `/messages/${otp?.id}/status`, { status: "delivered" });
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ id: otp?.id, status: "delivered" });
    expect((report.body.attempts as Array<{ status: string }>).map((a) => a.status)).toEqual(["sent", "delivered"]);
    expect((await test("POST", `/messages/${otp?.id}/status`, { status: "delivered" })).status).toBe(200);
    const late = await test("POST", `/messages/${otp?.id}/status`, { status: "failed", error: "late" });
    expect([late.status, late.body.code]).toEqual([409, "MESSAGE_STATUS_CONFLICT"]);
    expect((await other("POST", `/messages/${otp?.id}/status`, { status: "failed" })).body.code).toBe(
      "MESSAGE_NOT_FOUND",
    );
    expect((await test("POST", `/messages/nope/status`, { status: "failed" })).status).toBe(404);
    expect((await test("POST", `/messages/${otp?.id}/status`, { status: "sent" })).status).toBe(400);
  });

  it("answers a wrong code with attemptsLeft, and after too many hands off: interaction.handoff with context and path", async () => {
    const { id } = await toVerify(test, "otp-1", { amount: 1500 });
    const code = await receivedCode(id);
    const first = await send(id, "verify.submitted", { code: wrong(code) });
    expect(first.status).toBe(200);
    expect(first.body.step).toMatchObject({ node: "verifyOtp", attemptsLeft: 2 });
    expect(((await test("GET", `/interactions/${id}`)).body.step as { attemptsLeft: number }).attemptsLeft).toBe(2);
    expect((await send(id, "verify.submitted", { code: wrong(code) })).body.step).toMatchObject({ attemptsLeft: 1 });
    const last = await send(id, "verify.submitted", { code: wrong(code) });
    // The failed outlet: the agent's queue, on voice from now on.
    expect(last.body).toMatchObject({ status: "completed", outcome: "escalated", channel: "voice" });
    const history = (await test("GET", `/interactions/${id}/history`)).body.data as Array<{
      type: string;
      data: unknown;
    }>;
    expect(history.find((e) => e.type === "verify.failed")?.data).toEqual({
      method: "otp",
      reason: "TOO_MANY_ATTEMPTS",
    });

    const handoff = await delivery(id, "interaction.handoff");
    expect(handoff.data).toMatchObject({
      node: "handoffAgent",
      channel: "voice",
      queue: "card-verification",
      context: { amount: 1500, intent: "transfer" },
    });
    const path = handoff.data.path as Array<{ node: string; outlet?: string }>;
    expect(path.map((p) => `${p.node}${p.outlet ? `>${p.outlet}` : ""}`)).toEqual([
      "start>out",
      "opening>customer.identified",
      "probe>transfer",
      "amountCheck>else",
      "otpSent>out",
      "verifyOtp>failed",
      "handoffAgent>out",
    ]);
    expect((await delivery(id, "interaction.completed")).data).toMatchObject({
      outcome: "escalated",
      channel: "voice",
    });
  });

  it("fails an expired code on the interaction's clock", async () => {
    const { id } = await toVerify(test, "otp-1", { amount: 1600 });
    const code = await receivedCode(id);
    expect((await test("POST", `/interactions/${id}/clock`, { advance: "PT6M" })).status).toBe(200);
    const late = await send(id, "verify.submitted", { code });
    expect(late.body).toMatchObject({ status: "completed", outcome: "escalated" });
    const history = (await test("GET", `/interactions/${id}/history`)).body.data as Array<{
      type: string;
      data: unknown;
    }>;
    expect(history.find((e) => e.type === "verify.failed")?.data).toEqual({ method: "otp", reason: "CODE_EXPIRED" });
  });

  it("limits code sends per customer, and skips a message with no address at once", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await toVerify(test, "rate-1", { amount: 100 + i })).id);
    const lastId = ids[5] ?? "";
    const last = await messages(test, lastId);
    expect(last.find((m) => m.kind === "otp")).toMatchObject({ status: "skipped", reason: "OTP_RATE_LIMITED" });
    expect(((await test("GET", `/interactions/${lastId}`)).body.step as { attemptsLeft: number }).attemptsLeft).toBe(0);
    // No app address: the notice is skipped, never left pending.
    const notice = await eventually(async () => {
      const found = (await messages(test, lastId)).find((m) => m.node === "otpSent");
      return found?.status === "pending" ? undefined : found;
    });
    expect(notice).toMatchObject({ status: "skipped", reason: "NO_ADDRESS", address: null });
    // Submitting with no code sent fails the verification (the failed outlet), as documented.
    expect((await send(lastId, "verify.submitted", { code: "123456" })).body).toMatchObject({ outcome: "escalated" });
  });

  it("skips a workspace's messages when it has no webhook, and a skipped message takes no report", async () => {
    const { id } = await toVerify(other, "otp-1", { amount: 1200 });
    const otp = await eventually(async () => {
      const found = (await messages(other, id)).find((m) => m.kind === "otp");
      return found?.status === "pending" ? undefined : found;
    });
    expect(otp).toMatchObject({ status: "skipped", reason: "NO_WEBHOOK", address: "+8613800000013", attempts: [] });
    const res = await other("POST", `/messages/${otp.id}/status`, { status: "delivered" });
    expect([res.status, res.body.code]).toEqual([409, "MESSAGE_STATUS_CONFLICT"]);
    expect((await test("GET", `/interactions/${id}/messages`)).status).toBe(404);
  });

  it("sends verification.requested for other methods and runs the card-transfer example to its other outcomes", async () => {
    // Token: the client verifies; passed, then the customer cancels (abandoned).
    const token = await toVerify(test, "otp-1", { amount: 80000, hasToken: true });
    expect(token.step).toMatchObject({ node: "verifyToken", level: 2, methods: ["token"] });
    expect((await delivery(token.id, "verification.requested")).data).toMatchObject({
      node: "verifyToken",
      level: 2,
      methods: ["token"],
      customer: { id: "otp-1" },
    });
    await send(token.id, "verify.passed");
    expect((await send(token.id, "customer.cancelled")).body).toMatchObject({ outcome: "abandoned" });
    expect((await delivery(token.id, "interaction.completed")).data).toMatchObject({ outcome: "abandoned" });

    // Card details: failed, handed off.
    const card = await toVerify(test, "otp-1", { amount: 80000, hasToken: false });
    await send(card.id, "answer", { value: "verify" });
    expect((await delivery(card.id, "verification.requested")).data).toMatchObject({
      node: "verifyCard",
      methods: ["cvv2", "knowledge"],
    });
    expect((await send(card.id, "verify.failed")).body).toMatchObject({ outcome: "escalated", channel: "voice" });
    expect((await delivery(card.id, "interaction.handoff")).data).toMatchObject({ queue: "card-verification" });

    // Something else: rerouted to the general queue.
    const started = await test("POST", "/interactions", {
      flow: "card-transfer-stepup",
      channel: "chat",
      customer: { id: "otp-1" },
    });
    const rerouted = String(started.body.id);
    await send(rerouted, "customer.identified");
    expect((await send(rerouted, "answer", { value: "other" })).body).toMatchObject({ outcome: "rerouted" });
    expect((await delivery(rerouted, "interaction.handoff")).data).toMatchObject({ queue: "general-service" });
    expect((await delivery(rerouted, "interaction.completed")).data).toMatchObject({ outcome: "rerouted" });

    // A branch visit: the referral goes out as a message, and the interaction ends referred.
    const branch = await toVerify(test, "otp-1", { amount: 80000, hasToken: false });
    expect((await send(branch.id, "answer", { value: "branch" })).body).toMatchObject({ outcome: "referred" });
    expect((await delivery(branch.id, "message.send")).data).toMatchObject({
      node: "branchReferral",
      kind: "script",
      channel: "app",
      address: "app-otp-1",
      script: { key: "branch-referral" },
    });
    expect((await delivery(branch.id, "interaction.completed")).data).toMatchObject({ outcome: "referred" });

    // A transfer that fails and is not retried: the end's outcome is failed.
    const disputed = await toVerify(test, "otp-1", { amount: 80000, hasToken: true });
    for (const type of ["verify.passed", "next", "transfer.failed"])
      expect((await send(disputed.id, type)).status).toBe(200);
    expect((await send(disputed.id, "next")).body).toMatchObject({ status: "completed", outcome: "failed" });
    expect((await delivery(disputed.id, "interaction.completed")).data).toMatchObject({ outcome: "failed" });

    // No answer within five minutes (the test clock): abandoned.
    const silent = await test("POST", "/interactions", {
      flow: "card-transfer-stepup",
      channel: "chat",
      customer: { id: "otp-1" },
    });
    const silentId = String(silent.body.id);
    await send(silentId, "customer.identified");
    const timedOut = await test("POST", `/interactions/${silentId}/clock`, { advance: "PT6M" });
    expect(timedOut.body).toMatchObject({ status: "completed", outcome: "abandoned" });
    expect((await delivery(silentId, "interaction.completed")).data).toMatchObject({ outcome: "abandoned" });

    // Cancelled: interaction.failed.
    const cancelled = await toVerify(test, "otp-1", { amount: 80000, hasToken: true });
    expect((await test("POST", `/interactions/${cancelled.id}/cancel`, {})).status).toBe(200);
    expect((await delivery(cancelled.id, "interaction.failed")).data).toMatchObject({ outcome: "cancelled" });
  });

  it("delivers only what the OpenAPI document's webhooks describe", async () => {
    const doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as {
      components: unknown;
      webhooks: Record<string, { post: { requestBody: { content: { "application/json": { schema: unknown } } } } }>;
    };
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addSchema({ $id: "doc", components: strict(doc.components) }, "doc");
    const types = new Set<string>();
    for (const received of hook.received) {
      const body = JSON.parse(received.body) as Delivery;
      const schema = doc.webhooks[body.type]?.post.requestBody.content["application/json"].schema;
      expect(schema, body.type).toBeDefined();
      const validate = ajv.compile(
        strict(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/'))) as object,
      );
      expect(validate(body), `${body.type}: ${JSON.stringify(validate.errors)} in ${received.body}`).toBe(true);
      types.add(body.type);
    }
    expect([...types].sort()).toEqual([
      "interaction.completed",
      "interaction.failed",
      "interaction.handoff",
      "message.send",
      "verification.requested",
    ]);
  });
});
