// The workspace policy applied at delivery (CONTRACT §7), on PGlite and Postgres, at an injected clock:
// quiet hours in the customer's zone defer a message to their end (spread, durable, with its reason);
// a cap skips, defers or moves a message to the next channel as `whenCapped` says, counting messages
// that went out across flows and the batch's own; transactional messages are never held; and a batch
// costs the same few queries however many messages it holds.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sqlClientFor, type SqlClient, type SqlQuery } from "../../server/db/sqlClient";
import { deliverOutbox } from "../../server/runtime/outboxDelivery";
import { applyMessagePolicy, type PolicedMessage } from "../../server/runtime/messagePolicy";
import { fallBackAfterFailure } from "../../server/runtime/failedDeliveryFallback";
import { createRuntimeScripts } from "../../server/runtime/runtimeScripts";

const scripts = createRuntimeScripts();
import { upsertCustomer } from "../../server/services/customers";
import { openTestDatabase, serverUrl, type TestDatabase } from "./testDatabase";
import { startWebhookReceiver } from "./webhookReceiver";

const kinds = serverUrl ? (["pglite", "postgres"] as const) : (["pglite"] as const);

const basePolicy = {
  schema: "journey-studio/policy@1",
  quietHours: { start: "21:00", end: "08:00", categories: ["service", "marketing"] },
  caps: [
    { categories: ["marketing", "service"], max: 1, per: "P1D" },
    { categories: ["marketing"], channel: "sms", max: 3, per: "P7D" },
  ],
  whenCapped: "skip",
};
const NOON_SHANGHAI = new Date("2027-03-01T04:00:00Z");
const NIGHT_SHANGHAI = new Date("2027-03-01T14:00:00Z"); // 22:00 in Shanghai, 09:00 in New York
const HOUR = 3600_000;

describe.each(kinds)("the message policy at delivery on %s", (kind) => {
  let db: TestDatabase;
  let sql: SqlClient;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const rowIds = new Map<string, string>();

  beforeAll(async () => {
    db = await openTestDatabase({ kind });
    sql = sqlClientFor(db.database);
    receiver = await startWebhookReceiver();
    for (const channel of ["sms", "email"])
      await sql.query("insert into webhooks (workspace_id, channel, url, secret) values ($1, $2, $3, 'secret')", [
        db.workspaceId,
        channel,
        receiver.url,
      ]);
    const customers: Array<[string, string]> = [
      ["sh", "Asia/Shanghai"],
      ["ny", "America/New_York"],
    ];
    for (const [id, timezone] of customers) {
      await upsertCustomer(sql, db.workspaceId, id, {
        timezone,
        addresses: [
          { channel: "sms", address: `+86-${id}` },
          { channel: "email", address: `${id}@example.com` },
        ],
      });
      const [row] = await sql.query<{ id: string }>(
        "select id from customers where workspace_id = $1 and external_id = $2",
        [db.workspaceId, id],
      );
      rowIds.set(id, row?.id ?? "");
    }
  }, 120_000);
  afterAll(async () => {
    await receiver?.close();
    await db?.close();
  });
  beforeEach(async () => {
    await sql.query("delete from outbox");
    receiver.received.length = 0;
    await setPolicy(basePolicy);
  });

  async function setPolicy(document: unknown) {
    await sql.query(
      `insert into workspace_policies (workspace_id, document) values ($1, $2)
       on conflict (workspace_id) do update set document = excluded.document, updated_at = now()`,
      [db.workspaceId, document],
    );
  }

  async function queue(
    customer: string,
    options: { channel?: string; category?: string; kind?: string; fallback?: string[] } = {},
  ): Promise<string> {
    const channel = options.channel ?? "sms";
    const [row] = await sql.query<{ id: string }>(
      // As the step's write queues it: with the customer's address on the channel.
      `insert into outbox (workspace_id, customer_id, channel, kind, category, node, payload, address)
       values ($1, $2, $3, $4, $5, 'greet', $6,
         (select a.address from customer_addresses a where a.customer_id = $2 and a.channel = $3 limit 1)) returning id`,
      [
        db.workspaceId,
        rowIds.get(customer),
        channel,
        options.kind ?? "script",
        options.category ?? "marketing",
        {
          kind: "message",
          node: "greet",
          script: "birthday",
          channel,
          ...(options.fallback ? { fallback: options.fallback } : {}),
        },
      ],
    );
    return row?.id ?? "";
  }

  /** A message that already went out (another flow's), `hoursAgo` before `at`. */
  async function sentBefore(customer: string, at: Date, hoursAgo: number, channel = "sms", category = "marketing") {
    await sql.query(
      `insert into outbox (workspace_id, customer_id, channel, category, node, payload, status, delivered_at)
       values ($1, $2, $3, $4, 'other', '{}', 'delivered', $5)`,
      [db.workspaceId, rowIds.get(customer), channel, category, new Date(at.getTime() - hoursAgo * HOUR)],
    );
  }

  async function message(id: string) {
    const [row] = await sql.query<{
      status: string;
      reason: string | null;
      channel: string;
      next_attempt_at: Date;
      attempts: number;
    }>("select status, reason, channel, next_attempt_at, attempts from outbox where id = $1", [id]);
    return row;
  }

  it("defers a marketing message in the customer's quiet hours to when they end, and sends an OTP at once", async () => {
    const greeting = await queue("sh");
    const otp = await queue("sh", { kind: "otp", category: "transactional" });
    const evening = await queue("ny"); // 09:00 in New York: not quiet there
    const result = await deliverOutbox(sql, { now: NIGHT_SHANGHAI });
    expect(result).toMatchObject({ claimed: 3, held: 1, delivered: 2 });
    const held = await message(greeting);
    expect(held).toMatchObject({ status: "pending", reason: "QUIET_HOURS", attempts: 0 });
    const end = Date.parse("2027-03-02T00:00:00Z"); // 08:00 in Shanghai
    expect(new Date(held?.next_attempt_at ?? 0).getTime()).toBeGreaterThanOrEqual(end);
    expect(new Date(held?.next_attempt_at ?? 0).getTime()).toBeLessThan(end + 30 * 60_000);
    expect((await message(otp))?.status).toBe("sent");
    expect((await message(evening))?.status).toBe("sent");
    expect(receiver.received.map((r) => JSON.parse(r.body).id).sort()).toEqual([otp, evening].sort());
  });

  it("skips the second marketing message of the day in one batch, with CAPPED", async () => {
    const first = await queue("sh");
    const second = await queue("sh", { channel: "email" });
    await deliverOutbox(sql, { now: NOON_SHANGHAI });
    // Decided oldest first; two queued in the same millisecond may be decided in either order: one goes
    // out, the other is capped.
    const outcomes = [await message(first), await message(second)].map((m) => `${m?.status}:${m?.reason ?? ""}`);
    expect(outcomes.sort()).toEqual(["sent:", "skipped:CAPPED"]);
  });

  it("counts what another flow sent today, and never caps a transactional message", async () => {
    await sentBefore("sh", NOON_SHANGHAI, 3);
    const greeting = await queue("sh");
    const otp = await queue("sh", { kind: "otp", category: "transactional" });
    await deliverOutbox(sql, { now: NOON_SHANGHAI });
    expect(await message(greeting)).toMatchObject({ status: "skipped", reason: "CAPPED" });
    expect((await message(otp))?.status).toBe("sent");
  });

  it("defers a capped message to when the cap allows it, with whenCapped: defer", async () => {
    await setPolicy({ ...basePolicy, whenCapped: "defer" });
    await sentBefore("sh", NOON_SHANGHAI, 3);
    const greeting = await queue("sh");
    await deliverOutbox(sql, { now: NOON_SHANGHAI });
    const held = await message(greeting);
    expect(held).toMatchObject({ status: "pending", reason: "CAPPED" });
    const allowed = NOON_SHANGHAI.getTime() - 3 * HOUR + 24 * HOUR;
    expect(new Date(held?.next_attempt_at ?? 0).getTime()).toBeGreaterThanOrEqual(allowed);
    expect(new Date(held?.next_attempt_at ?? 0).getTime()).toBeLessThan(allowed + 30 * 60_000);
  });

  it("moves a capped SMS to the next channel the customer can be reached on, with whenCapped: fallback", async () => {
    await setPolicy({
      ...basePolicy,
      caps: [{ categories: ["marketing"], channel: "sms", max: 1, per: "P7D" }],
      whenCapped: "fallback",
    });
    await sentBefore("sh", NOON_SHANGHAI, 48);
    const greeting = await queue("sh", { fallback: ["email"] });
    await deliverOutbox(sql, { now: NOON_SHANGHAI });
    expect(await message(greeting)).toMatchObject({ status: "pending", reason: "CAPPED", channel: "email" });
    await deliverOutbox(sql, { now: NOON_SHANGHAI });
    expect(await message(greeting)).toMatchObject({ status: "sent", channel: "email" });
    // Delivered as a typed webhook (CONTRACT §5), to the e-mail address the fallback channel routes on.
    expect(JSON.parse(receiver.received[0]?.body ?? "{}")).toMatchObject({
      id: greeting,
      type: "message.send",
      data: { channel: "email", address: "sh@example.com" },
    });
  });

  it("decides a batch of 40 messages for 40 customers in four queries and one write", async () => {
    const ids: string[] = [];
    const workspace = db.workspaceId;
    for (let i = 0; i < 40; i++) {
      await upsertCustomer(sql, workspace, `batch-${i}`, { timezone: "Asia/Shanghai" });
    }
    const customers = await sql.query<{ id: string }>(
      "select id from customers where workspace_id = $1 and external_id like 'batch-%'",
      [workspace],
    );
    const rows: PolicedMessage[] = customers.map((c, i) => {
      const id = `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
      ids.push(id);
      return {
        id,
        workspace_id: workspace,
        customer_id: c.id,
        channel: "sms",
        kind: "script",
        category: "marketing",
        node: "greet",
        payload: { kind: "message" },
      };
    });
    let queries = 0;
    const counting =
      (query: SqlQuery): SqlQuery =>
      (text, params) => {
        queries++;
        return query(text, params);
      };
    const countingSql: SqlClient = {
      ...sql,
      query: counting(sql.query),
      transaction: (fn) => sql.transaction((query) => fn(counting(query))),
    };
    const held = await applyMessagePolicy(countingSql, rows, NIGHT_SHANGHAI);
    expect(held).toHaveLength(40);
    expect(held.every((h) => h.decision.reason === "QUIET_HOURS")).toBe(true);
    // The policies, the customers' lock, the customers, their history; one write of the decisions.
    expect(queries).toBe(5);
  });
});

describe.each(kinds)("a failed delivery falls back on %s", (kind) => {
  let db: TestDatabase;
  let sql: SqlClient;

  beforeAll(async () => {
    db = await openTestDatabase({ kind });
    sql = sqlClientFor(db.database);
    await upsertCustomer(sql, db.workspaceId, "f-1", {
      addresses: [
        { channel: "sms", address: "+86-f1" },
        { channel: "app", address: "push-f1" },
      ],
      consent: { email: false },
    });
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  it("queues the message again on the next channel that reaches the customer, once", async () => {
    const [customer] = await sql.query<{ id: string }>("select id from customers where external_id = 'f-1'");
    const [failed] = await sql.query<{ id: string }>(
      `insert into outbox (workspace_id, customer_id, channel, node, category, payload, status)
       values ($1, $2, 'sms', 'greet', 'marketing', $3, 'failed') returning id`,
      [db.workspaceId, customer?.id, { kind: "message", channel: "sms", fallback: ["email", "wechat", "app"] }],
    );
    const retry = await fallBackAfterFailure(sql.query, scripts, failed?.id ?? "");
    expect(retry).toBeDefined();
    const [row] = await sql.query<{
      channel: string;
      status: string;
      reason: string;
      address: string;
      payload: Record<string, unknown>;
    }>("select channel, status, reason, address, payload from outbox where id = $1", [retry]);
    // email: consent withdrawn; wechat: no address; app: reachable.
    expect(row).toMatchObject({
      channel: "app",
      status: "pending",
      reason: "FALLBACK_AFTER_FAILURE",
      address: "push-f1",
    });
    expect(row?.payload).toMatchObject({ channel: "app", fallbackOf: failed?.id, fallback: [] });
    expect(await fallBackAfterFailure(sql.query, scripts, failed?.id ?? "")).toBeUndefined();
    expect(await fallBackAfterFailure(sql.query, scripts, retry ?? "")).toBeUndefined(); // not failed
  });
});
