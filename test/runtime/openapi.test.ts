// The OpenAPI document cannot drift from the API: every route is driven over real HTTP (answers and
// errors), and each answer is validated against the document's schema for its operation, status and
// content type, with properties the document does not list forbidden (objects made
// `additionalProperties: false` unless they say otherwise). Every operation has an operationId.
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareDatabase, type Prepared } from "./prepareDatabase";
import { apiClient, startServer, type ApiAnswer, type ServerProcess } from "./serverProcess";
import { strict } from "./openapiStrict";
import { eventually } from "./webhookReceiver";

type Operation = {
  operationId?: string;
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
};
type OpenApiDocument = {
  openapi: string;
  info: { license?: { name: string } };
  servers?: unknown[];
  paths: Record<string, Record<string, Operation>>;
  webhooks?: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};

describe("the OpenAPI document describes every answer of the API", () => {
  let prepared: Prepared;
  let server: ServerProcess;
  let doc: OpenApiDocument;
  const seen: string[] = [];
  let check: (method: string, template: string, res: ApiAnswer) => void;

  beforeAll(async () => {
    prepared = await prepareDatabase("pglite");
    server = await startServer(prepared.target);
    const res = await fetch(`${server.url}/api/v1/openapi.json`);
    doc = (await res.json()) as OpenApiDocument;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addSchema({ $id: "doc", components: strict(doc.components) }, "doc");
    check = (method, template, res) => {
      const operation = doc.paths[template]?.[method.toLowerCase()];
      expect(operation, `${method} ${template} is in the document`).toBeDefined();
      const response = operation?.responses[String(res.status)];
      expect(response, `${method} ${template} documents ${res.status}: ${JSON.stringify(res.body)}`).toBeDefined();
      const type = (res.headers.get("content-type") ?? "").split(";")[0] ?? "";
      const media = response?.content?.[type];
      expect(media, `${method} ${template} ${res.status} documents ${type}`).toBeDefined();
      const schema = strict(
        JSON.parse(JSON.stringify(media?.schema).replaceAll('"#/components/', '"doc#/components/')),
      );
      const validate = ajv.compile(schema as object);
      const ok = validate(res.body);
      expect(
        ok,
        `${method} ${template} ${res.status}: ${JSON.stringify(validate.errors)} in ${JSON.stringify(res.body)}`,
      ).toBe(true);
      seen.push(`${method.toLowerCase()} ${template} ${res.status}`);
    };
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    await prepared?.cleanup();
  });

  it("has an operationId on every operation, servers and an MIT license", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.license?.name).toBe("MIT");
    expect(doc.servers?.length).toBeGreaterThan(0);
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((op) => op.operationId));
    expect(ids.every((id) => typeof id === "string" && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    // The typed webhook events of CONTRACT §5, each with its operationId.
    expect(Object.keys(doc.webhooks ?? {}).sort()).toEqual([
      "interaction.completed",
      "interaction.failed",
      "interaction.handoff",
      "message.send",
      "verification.requested",
    ]);
    expect(Object.values(doc.webhooks ?? {}).every((ops) => typeof ops.post?.operationId === "string")).toBe(true);
  });

  it("every route, answers and errors, matches its schema", async () => {
    const test = apiClient(server.url, prepared.keys.test);
    const live = apiClient(server.url, prepared.keys.live);
    const anonymous = apiClient(server.url, undefined);
    const call = async (
      client: typeof test,
      method: string,
      template: string,
      path: string,
      body?: unknown,
      headers?: Record<string, string>,
    ) => {
      const res = await client(method, path, body, headers);
      check(method, template, res);
      return res;
    };
    await call(anonymous, "GET", "/api/v1/health", "/health");
    await call(test, "GET", "/api/v1/flows", "/flows");
    await call(anonymous, "GET", "/api/v1/flows", "/flows");
    await call(test, "PUT", "/api/v1/customers/{id}", "/customers/o-1", {
      name: "王女士",
      locale: "zh-CN",
      timezone: "Asia/Shanghai",
      birthday: "1988-06-01",
      preferredChannel: "sms",
      tags: ["vip"],
      attributes: { tier: "gold" },
      addresses: [{ channel: "sms", address: "+8613800000001" }],
    });
    await call(test, "PUT", "/api/v1/customers/{id}", "/customers/o-1", { name: "王女士" });
    await call(test, "PUT", "/api/v1/customers/{id}", "/customers/o-1", { consent: { sms: false, email: true } });
    await call(test, "PUT", "/api/v1/customers/{id}", "/customers/o-1", { consent: { pigeon: false } });
    await call(test, "PUT", "/api/v1/customers/{id}", "/customers/o-1", { birthday: "someday" });
    await call(test, "PUT", "/api/v1/customers/{id}", "/customers/o-2", {
      addresses: [{ channel: "sms", address: "+8613800000001" }],
    });
    const started = await call(test, "POST", "/api/v1/interactions", "/interactions", {
      flow: "card-transfer-stepup",
      channel: "chat",
      customer: { id: "o-1" },
      context: { amount: 80000 },
    });
    const id = String(started.body.id);
    await call(test, "POST", "/api/v1/interactions", "/interactions", { flow: "nope", channel: "chat" });
    const analytics = "/api/v1/flows/{key}/analytics";
    await call(test, "GET", analytics, "/flows/card-transfer-stepup/analytics");
    await call(
      test,
      "GET",
      analytics,
      "/flows/card-transfer-stepup/analytics?version=1&channel=chat&from=2026-01-01&to=2026-12-31",
    );
    await call(test, "GET", analytics, "/flows/nope/analytics");
    await call(test, "GET", analytics, "/flows/card-transfer-stepup/analytics?from=soon");
    await call(anonymous, "GET", analytics, "/flows/card-transfer-stepup/analytics");
    const variants = "/api/v1/flows/{key}/analytics/variants";
    await call(test, "GET", variants, "/flows/card-transfer-stepup/analytics/variants?channel=chat");
    await call(test, "GET", variants, "/flows/nope/analytics/variants");
    await call(test, "GET", variants, "/flows/card-transfer-stepup/analytics/variants?to=soon");
    await call(anonymous, "GET", variants, "/flows/card-transfer-stepup/analytics/variants");
    await call(test, "POST", "/api/v1/interactions", "/interactions", {
      flow: "card-transfer-stepup",
      channel: "email",
    });
    await call(test, "POST", "/api/v1/interactions", "/interactions", "{oops");
    await call(anonymous, "POST", "/api/v1/interactions", "/interactions", { flow: "x", channel: "chat" });
    const body = { flow: "chat-escalation", channel: "chat" };
    await call(test, "POST", "/api/v1/interactions", "/interactions", body, { "idempotency-key": "o-k" });
    await call(
      test,
      "POST",
      "/api/v1/interactions",
      "/interactions",
      { ...body, context: { a: 1 } },
      { "idempotency-key": "o-k" },
    );
    await call(test, "GET", "/api/v1/interactions", "/interactions?limit=1");
    await call(test, "GET", "/api/v1/interactions", "/interactions?status=nope");
    await call(test, "GET", "/api/v1/interactions/{id}", `/interactions/${id}`);
    await call(test, "GET", "/api/v1/interactions/{id}", "/interactions/00000000-0000-4000-8000-000000000000");
    const accepts = (started.body.step as { accepts: string[] }).accepts;
    await call(test, "POST", "/api/v1/interactions/{id}/events", `/interactions/${id}/events`, { type: "no.such" });
    await call(test, "POST", "/api/v1/interactions/{id}/events", `/interactions/${id}/events`, { type: accepts[0] });
    await call(test, "GET", "/api/v1/interactions/{id}/history", `/interactions/${id}/history`);
    await call(test, "GET", "/api/v1/interactions/{id}/history", "/interactions/x/history");
    await call(test, "GET", "/api/v1/interactions/{id}/path", `/interactions/${id}/path`);
    await call(test, "GET", "/api/v1/interactions/{id}/path", "/interactions/x/path");
    // A transfer under the threshold sends the app notice and a one-time code: the messages and reports.
    const small = await test("POST", "/interactions", {
      flow: "card-transfer-stepup",
      channel: "chat",
      customer: { id: "o-1" },
      context: { amount: 100 },
    });
    const smallId = String(small.body.id);
    await test("POST", `/interactions/${smallId}/events`, { type: "customer.identified" });
    await call(test, "POST", "/api/v1/interactions/{id}/events", `/interactions/${smallId}/events`, {
      type: "answer",
      data: { value: "transfer" },
    });
    await call(test, "GET", "/api/v1/interactions/{id}/messages", `/interactions/${smallId}/messages`);
    await call(test, "GET", "/api/v1/interactions/{id}/messages", "/interactions/x/messages");
    // No webhook in this database: every message ends skipped (NO_WEBHOOK), and takes no report.
    const skipped = await eventually(async () => {
      const res = await test("GET", `/interactions/${smallId}/messages`);
      const data = res.body.data as Array<{ id: string; status: string }>;
      return data.length > 0 && data.every((m) => m.status === "skipped") ? data : undefined;
    });
    check("GET", "/api/v1/interactions/{id}/messages", await test("GET", `/interactions/${smallId}/messages`));
    const messageId = skipped[0]?.id ?? "";
    await call(test, "POST", "/api/v1/messages/{id}/status", `/messages/${messageId}/status`, { status: "delivered" });
    await call(test, "POST", "/api/v1/messages/{id}/status", `/messages/${messageId}/status`, { status: "sent" });
    await call(test, "POST", "/api/v1/messages/{id}/status", "/messages/x/status", { status: "failed", error: "e" });
    await call(test, "POST", "/api/v1/interactions/{id}/clock", `/interactions/${id}/clock`, { advance: "P1D" });
    await call(test, "POST", "/api/v1/interactions/{id}/clock", `/interactions/${id}/clock`, { advance: "P99Y" });
    const liveOne = await live("POST", "/interactions", body);
    await call(live, "POST", "/api/v1/interactions/{id}/clock", `/interactions/${String(liveOne.body.id)}/clock`, {
      advance: "P1D",
    });
    await call(test, "POST", "/api/v1/interactions/{id}/cancel", `/interactions/${id}/cancel`, { reason: "test" });
    await call(test, "POST", "/api/v1/interactions/{id}/cancel", `/interactions/${id}/cancel`);
    await call(test, "POST", "/api/v1/interactions/{id}/events", `/interactions/${id}/events`, { type: "next" });
    await call(test, "POST", "/api/v1/events", "/events", { customer: { id: "o-1" }, type: "customer.onboarded" });
    await call(test, "POST", "/api/v1/events", "/events", { customer: {}, type: "x" });
    // Every operation of the document was driven at least once.
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    for (const operation of operations)
      expect(
        seen.some((s) => s.startsWith(`${operation} `)),
        operation,
      ).toBe(true);
  });
});
