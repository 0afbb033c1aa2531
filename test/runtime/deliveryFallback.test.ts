// WHERE after the fact (CONTRACT §7), over real HTTP: a provider reports a message `failed` and the
// message goes out again on the next channel of its route that reaches the customer (a new message,
// queued with reason FALLBACK_AFTER_FAILURE), once, however often the report is repeated.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqlClientFor } from "../../server/db/sqlClient";
import { importDocuments } from "../../server/services/importDocuments";
import { prepareDatabase, type Prepared } from "./prepareDatabase";
import { apiClient, startServer, type ApiCall, type ServerProcess } from "./serverProcess";
import { serverUrl } from "./testDatabase";
import { eventually, startWebhookReceiver } from "./webhookReceiver";

const kinds = serverUrl ? (["pglite", "postgres"] as const) : (["pglite"] as const);

type Message = {
  id: string;
  node: string;
  channel: string;
  address: string | null;
  status: string;
  reason?: string;
  text: string | null;
  subject?: string;
  script?: { key: string; version: number; variant: string };
};

// A note with an SMS, a push and an e-mail wording (v1, which the flows are published against); its
// newer approved version drops the push one and falls back to nothing, so a move to `app` has no words.
const note = (variants: unknown[]) => ({
  schema: "journey-studio/script@1",
  key: "fb-note",
  name: "Fallback note",
  fallback: [],
  variants,
});
const smsVariant = { channel: "sms", locale: "en", text: "SMS for {{ customer.name }}: {{ amount }} points" };
const emailVariant = {
  channel: "email",
  locale: "en",
  subject: "Your points, {{ customer.name }}",
  text: "Dear {{ customer.name }}, you have {{ amount }} points.",
};
const appVariant = { channel: "app", locale: "en", title: "Points", text: "App: {{ amount }} points" };

function noteFlow(key: string, fallback: string[], category?: string): unknown {
  return {
    schema: "journey-studio/flow@1",
    key,
    name: key,
    kind: "mot",
    channels: ["sms", "app", "email"],
    variables: { amount: { type: "number", default: 0 } },
    nodes: [
      { id: "start", type: "start", position: { x: 0, y: 0 }, data: {} },
      {
        id: "say",
        type: "message",
        position: { x: 0, y: 100 },
        data: { script: "fb-note", channel: "sms", fallback, ...(category ? { category } : {}) },
      },
      { id: "done", type: "end", position: { x: 0, y: 200 }, data: { outcome: "resolved" } },
    ],
    edges: [
      { id: "e1", source: "start", target: "say" },
      { id: "e2", source: "say", target: "done" },
    ],
  };
}

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
      const imported = await importDocuments(
        database.db,
        workspaceId,
        [
          { name: "note", document: note([smsVariant, appVariant, emailVariant]) },
          { name: "routes", document: noteFlow("fb-routes", ["app", "email"]) },
          { name: "dead-end", document: noteFlow("fb-dead-end", ["app"]) },
          { name: "capped", document: noteFlow("fb-capped", ["app", "email"], "marketing") },
        ],
        { publish: true, publishedBy: "test" },
      );
      if (!imported.every((r) => r.ok)) throw new Error(JSON.stringify(imported));
      // A newer approved version without the push wording: what the runtime renders from now on.
      await sqlClientFor(database).query(
        `insert into script_versions (workspace_id, script_id, version, document, status, approved_by, approved_at)
         select v.workspace_id, v.script_id, v.version + 1, $2, 'approved', 'test', now()
         from script_versions v join scripts s on s.id = v.script_id
         where s.workspace_id = $1 and s.key = 'fb-note' order by v.version desc limit 1`,
        [workspaceId, note([smsVariant, emailVariant])],
      );
      // One marketing SMS a day; a capped one moves to the next channel (no quiet hours: real time here).
      await sqlClientFor(database).query("insert into workspace_policies (workspace_id, document) values ($1, $2)", [
        workspaceId,
        {
          schema: "journey-studio/policy@1",
          caps: [{ categories: ["marketing"], channel: "sms", max: 1, per: "P1D" }],
          whenCapped: "fallback",
        },
      ]);
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
      name: "Ada",
      locale: "en",
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
    // Said again in the e-mail's words (its subject too), not the SMS's copied over.
    expect(sms.text).toContain("Reply STOP");
    expect(email.subject).toBe("Welcome, Ada");
    expect(email.text).toMatch(/^Hi Ada,/);
    expect(email.script?.variant).toMatch(/^email\/en/);
    const delivered = hook.received
      .map(
        (r) =>
          JSON.parse(r.body) as { data: { channel?: string; text?: string; subject?: string; fallbackOf?: string } },
      )
      .find((r) => r.data.fallbackOf === sms.id);
    expect(delivered?.data).toMatchObject({ channel: "email", subject: "Welcome, Ada" });
    expect(delivered?.data.text).toMatch(/^Hi Ada,/);
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

  async function startNote(flow: string, customer: string): Promise<() => Promise<Message[]>> {
    const started = await live("POST", "/interactions", {
      flow,
      channel: "sms",
      customer: { id: customer },
      context: { amount: 42 },
    });
    expect(started.status).toBe(201);
    const id = String(started.body.id);
    return async () => (await live("GET", `/interactions/${id}/messages`)).body.data as Message[];
  }

  const everyChannel = (n: string, name = "Bo") => ({
    name,
    locale: "en",
    preferredChannel: "sms",
    addresses: [
      { channel: "sms", address: `+86138000003${n}` },
      { channel: "app", address: `push-${n}` },
      { channel: "email", address: `fb${n}@example.com` },
    ],
  });

  it("passes over a channel its script has no wording for, and renders with the step's variables", async () => {
    await live("PUT", "/customers/fb-3", everyChannel("03"));
    const messages = await startNote("fb-routes", "fb-3");
    const sms = await eventually(async () =>
      (await messages()).find((m) => m.channel === "sms" && m.status === "sent"),
    );
    expect(sms.text).toBe("SMS for Bo: 42 points");
    expect((await live("POST", `/messages/${sms.id}/status`, { status: "failed" })).status).toBe(200);
    const email = await eventually(async () => (await messages()).find((m) => m.channel === "email"));
    expect(email).toMatchObject({
      address: "fb03@example.com",
      subject: "Your points, Bo",
      text: "Dear Bo, you have 42 points.",
      script: { key: "fb-note", version: 2 },
    });
    // The push channel came first in the route, but the script has no push wording any more.
    expect((await messages()).map((m) => m.channel).sort()).toEqual(["email", "sms"]);
  });

  it("records the fallback skipped with NO_VARIANT when no channel left speaks the script", async () => {
    await live("PUT", "/customers/fb-4", everyChannel("04"));
    const messages = await startNote("fb-dead-end", "fb-4");
    const sms = await eventually(async () =>
      (await messages()).find((m) => m.channel === "sms" && m.status === "sent"),
    );
    expect((await live("POST", `/messages/${sms.id}/status`, { status: "failed" })).status).toBe(200);
    const moved = (await messages()).filter((m) => m.id !== sms.id);
    expect(moved).toEqual([
      expect.objectContaining({ channel: "app", status: "skipped", reason: "NO_VARIANT", text: null }),
    ]);
  });

  it("renders a capped SMS again for the channel the policy moves it to", async () => {
    await live("PUT", "/customers/fb-5", everyChannel("05", "Cy"));
    const first = await startNote("fb-capped", "fb-5");
    await eventually(async () => (await first()).find((m) => m.channel === "sms" && m.status === "sent"));
    // The day's one marketing SMS went out: the next one moves, past the push channel, to e-mail.
    const second = await startNote("fb-capped", "fb-5");
    const email = await eventually(async () => (await second()).find((m) => m.status === "sent"));
    expect(email).toMatchObject({
      channel: "email",
      address: "fb05@example.com",
      subject: "Your points, Cy",
      text: "Dear Cy, you have 42 points.",
      script: { key: "fb-note", version: 2 },
    });
    const delivered = hook.received
      .map((r) => JSON.parse(r.body) as { data: { channel?: string; text?: string; subject?: string } })
      .find(
        (r) => r.data.channel === "email" && r.data.subject === "Your points, Cy" && r.data.text?.startsWith("Dear Cy"),
      );
    expect(delivered).toBeDefined();
  });
});
