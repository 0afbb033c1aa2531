// The cross-process cap race (CONTRACT §7, issue 13): two workers on separate connection pools claim
// messages of the same customers and decide their caps at the same moment. With a cap of one marketing
// message a day, each customer must get exactly one, whichever worker sends it: the second worker's
// decision waits on the customer's lock and counts the first's message, admitted and still being POSTed.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "../../server/db/client";
import { sqlClientFor, type SqlClient } from "../../server/db/sqlClient";
import { deliverOutbox } from "../../server/runtime/outboxDelivery";
import { upsertCustomer } from "../../server/services/customers";
import { openTestDatabase, serverUrl, type TestDatabase } from "./testDatabase";
import { eventually, startWebhookReceiver } from "./webhookReceiver";

const CUSTOMERS = 40;
const NOON_SHANGHAI = new Date("2027-03-01T04:00:00Z");

describe.runIf(serverUrl)("two workers deciding caps for the same customers at once, on Postgres", () => {
  let db: TestDatabase;
  let other: Database;
  let workers: [SqlClient, SqlClient];
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const customerIds: string[] = [];

  beforeAll(async () => {
    db = await openTestDatabase({ kind: "postgres" });
    other = await createDatabase({ kind: "postgres", url: db.url ?? "", max: 10 });
    workers = [sqlClientFor(db.database), sqlClientFor(other)];
    const sql = workers[0];
    await sql.query("insert into workspace_policies (workspace_id, document) values ($1, $2)", [
      db.workspaceId,
      {
        schema: "journey-studio/policy@1",
        caps: [{ categories: ["marketing"], max: 1, per: "P1D" }],
        whenCapped: "skip",
      },
    ]);
    for (let i = 0; i < CUSTOMERS; i++) {
      await upsertCustomer(sql, db.workspaceId, `race-${i}`, {
        timezone: "Asia/Shanghai",
        addresses: [{ channel: "sms", address: `+86-race-${i}` }],
      });
      const [row] = await sql.query<{ id: string }>(
        "select id from customers where workspace_id = $1 and external_id = $2",
        [db.workspaceId, `race-${i}`],
      );
      customerIds.push(row?.id ?? "");
    }
  }, 120_000);
  afterAll(async () => {
    await receiver?.close();
    await other?.close();
    await db?.close();
  });
  beforeEach(async () => {
    await workers[0].query("delete from outbox");
    await workers[0].query("delete from webhooks");
  });

  /** Two marketing SMS per customer: every first one due a minute before every second one. */
  async function queueTwoEach(url: string) {
    await workers[0].query(
      "insert into webhooks (workspace_id, channel, url, secret) values ($1, 'sms', $2, 'secret')",
      [db.workspaceId, url],
    );
    await workers[0].query(
      `insert into outbox (workspace_id, customer_id, channel, kind, category, node, payload, address, next_attempt_at)
       select $1, c.id, 'sms', 'script', 'marketing', 'greet', '{"kind": "message"}', a.address, now() - k * interval '1 minute'
       from customers c join customer_addresses a on a.customer_id = c.id, generate_series(1, 2) k
       where c.workspace_id = $1`,
      [db.workspaceId],
    );
  }

  async function outcome() {
    const rows = await workers[0].query<{ customer_id: string; status: string; reason: string | null }>(
      "select customer_id, status, reason from outbox where type = 'message.send'",
    );
    const sentTo = rows.filter((r) => r.status === "sent").map((r) => r.customer_id);
    return {
      sentTo: [...sentTo].sort(),
      capped: rows.filter((r) => r.status === "skipped" && r.reason === "CAPPED").length,
      received: receiver.received.length,
    };
  }

  it("one worker's messages still in flight count against the other's decision", async () => {
    receiver = await startWebhookReceiver({ hold: true });
    await queueTwoEach(receiver.url);
    // Worker A claims every customer's first message, admits them and POSTs them: the receiver holds
    // the requests, so they are still pending when worker B claims every second message and decides.
    const first = deliverOutbox(workers[0], { limit: CUSTOMERS, now: NOON_SHANGHAI });
    await eventually(async () => (receiver.received.length >= CUSTOMERS ? true : undefined));
    const second = await deliverOutbox(workers[1], { limit: CUSTOMERS, now: NOON_SHANGHAI });
    receiver.release();
    await first;
    expect(second).toMatchObject({ claimed: CUSTOMERS, delivered: 0, held: CUSTOMERS });
    expect(await outcome()).toEqual({ sentTo: [...customerIds].sort(), capped: CUSTOMERS, received: CUSTOMERS });
    await receiver.close();
  });

  it("two workers deciding at the same moment send each customer one message", async () => {
    receiver = await startWebhookReceiver();
    await queueTwoEach(receiver.url);
    // Each worker claims half of the rows; which customers' messages each gets is up to the claim.
    const results = await Promise.all(
      workers.map((sql) => deliverOutbox(sql, { limit: CUSTOMERS, now: NOON_SHANGHAI })),
    );
    expect(results.map((r) => r.claimed).reduce((a, b) => a + b, 0)).toBe(2 * CUSTOMERS);
    expect(await outcome()).toEqual({ sentTo: [...customerIds].sort(), capped: CUSTOMERS, received: CUSTOMERS });
    await receiver.close();
  });
});
