// WHERE after the fact (CONTRACT §7), over real HTTP: a provider reports a message `failed` and the
// message goes out again on the next channel of its route that reaches the customer (a new message,
// queued with reason FALLBACK_AFTER_FAILURE), once, however often the report is repeated.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqlClientFor } from "../../server/db/sqlClient";
import { prepareDatabase, type Prepared } from "./prepareDatabase";
import { apiClient, startServer, type ApiCall, type ServerProcess } from "./serverProcess";
import { serverUrl } from "./testDatabase";
import { eventually, startWebhookReceiver } from "./webhookReceiver";

const kinds = serverUrl ? (["pglite", "postgres"] as const) : (["pglite"] as const);

type Message = { id: string; node: string; channel: string; address: string | null; status: string; reason?: string };

describe.each(kinds)("a failed delivery falls back to the next channel on %s", (kind) => {
  let prepared: Prepared;
  let server: ServerProcess;
  let live: ApiCall;
  let hook: Awaited<ReturnType<typeof startWebhookReceiver>>;

  beforeAll(async () => {
    hook = await startWebhookReceiver();
    prepared = await prepareDatabase(kind, async (database, workspaceId) => {
      await sqlClientFor(database).query(
        "insert into webhooks (workspace_id, channel, url, secret) values ($1, 'all', $2, 'whsec_fallback')",
        [workspaceId, hook.url],
      );
    });
    server = await startServer(prepared.target, { JOURNEY_OUTBOX_POLL_MS: "100" });
    live = apiClient(server.url, prepared.keys.live);
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    await hook?.close();
    await prepared?.cleanup();
  });

  it("queues the welcome again on e-mail when the SMS provider reports it failed, once", async () => {
    await live("PUT", "/customers/fb-1", {
      preferredChannel: "sms",
      addresses: [
        { channel: "sms", address: "+8613800000201" },
        { channel: "email", address: "fb1@example.com" },
      ],
    });
    const started = await live("POST", "/interactions", {
      flow: "first-120-days",
      channel: "sms",
      customer: { id: "fb-1" },
    });
    expect(started.status).toBe(201);
    const id = String(started.body.id);
    const messages = async () => (await live("GET", `/interactions/${id}/messages`)).body.data as Message[];
    const sms = await eventually(async () =>
      (await messages()).find((m) => m.node === "welcome" && m.channel === "sms" && m.status === "sent"),
    );
    expect(sms.address).toBe("+8613800000201");

    const report = await live("POST", `/messages/${sms.id}/status`, { status: "failed", error: "unreachable" });
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ status: "failed", reason: "PROVIDER_FAILED" });
    // The provider retries its report: nothing is queued twice.
    expect((await live("POST", `/messages/${sms.id}/status`, { status: "failed" })).status).toBe(200);

    const email = await eventually(async () =>
      (await messages()).find((m) => m.node === "welcome" && m.channel === "email" && m.status === "sent"),
    );
    // Queued with reason FALLBACK_AFTER_FAILURE; a message that went out keeps no reason.
    expect(email.address).toBe("fb1@example.com");
    expect((await messages()).filter((m) => m.node === "welcome")).toHaveLength(2);
  });

  it("queues nothing when no other channel of the route reaches the customer", async () => {
    await live("PUT", "/customers/fb-2", {
      preferredChannel: "sms",
      addresses: [{ channel: "sms", address: "+8613800000202" }],
    });
    const started = await live("POST", "/interactions", {
      flow: "first-120-days",
      channel: "sms",
      customer: { id: "fb-2" },
    });
    const id = String(started.body.id);
    const messages = async () => (await live("GET", `/interactions/${id}/messages`)).body.data as Message[];
    const sms = await eventually(async () =>
      (await messages()).find((m) => m.node === "welcome" && m.status === "sent"),
    );
    expect((await live("POST", `/messages/${sms.id}/status`, { status: "failed" })).status).toBe(200);
    expect((await messages()).filter((m) => m.node === "welcome").map((m) => m.status)).toEqual(["failed"]);
  });
});
