// The birthday example on the MOT rules (CONTRACT §7), at an injected clock: 1,000 customers over
// five time zones, birthdays on 15 June 2027. The clock steps through the day in 30-minute ticks; at
// each tick the triggers are evaluated and the outbox delivered to a real loopback webhook. Each
// customer gets exactly one greeting, between 09:00 and 09:30 in their own zone, on a channel they
// have an address and consent for (an opted-out SMS never used); none in quiet hours; a customer who
// already had a message that day is skipped (CAPPED) as the policy says.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localTime } from "../../flows/policy";
import type { Engine } from "../../server/runtime/engine";
import { createRuntimeEngine } from "../../server/services/runtimeEngine";
import { sqlClientFor } from "../../server/db/sqlClient";
import { runDueTriggers } from "../../server/runtime/triggers";
import { deliverOutbox } from "../../server/runtime/outboxDelivery";
import { upsertCustomer } from "../../server/services/customers";
import { openTestDatabase, serverUrl, type TestDatabase } from "./testDatabase";
import { startWebhookReceiver } from "./webhookReceiver";

// One database at this scale: Postgres when TEST_DATABASE_URL is set, else PGlite (each rule has its own
// tests on both in messagePolicy.test.ts and audience.test.ts).
const kinds = serverUrl ? (["postgres"] as const) : (["pglite"] as const);
const ZONES = ["Asia/Shanghai", "Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Sydney"];
const COUNT = 1000;
const TICK = 30 * 60_000;

type Person = { id: string; zone: string; preferred: string; smsOptOut: boolean; atCap: boolean };

function people(): Person[] {
  return Array.from({ length: COUNT }, (_, i) => ({
    id: `bd-${String(i).padStart(4, "0")}`,
    zone: ZONES[i % ZONES.length] ?? "UTC",
    // Every third prefers SMS, every seventh WeChat (without a WeChat address), the rest e-mail.
    preferred: i % 7 === 0 ? "wechat" : i % 3 === 0 ? "sms" : "email",
    smsOptOut: i % 10 === 0,
    atCap: i % 13 === 0,
  }));
}

describe.each(kinds)("birthday greetings for 1,000 customers over five zones on %s", (kind) => {
  let db: TestDatabase;
  let engine: Engine;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const everyone = people();
  const deliveredAt = new Map<string, Array<{ at: number; channel: string }>>();
  const counted = new Set<string>();

  beforeAll(async () => {
    db = await openTestDatabase({ kind });
    engine = createRuntimeEngine(sqlClientFor(db.database));
    receiver = await startWebhookReceiver();
    const sql = engine.sql;
    await sql.query("insert into workspace_policies (workspace_id, document) values ($1, $2)", [
      db.workspaceId,
      {
        schema: "journey-studio/policy@1",
        quietHours: { start: "21:00", end: "08:00", categories: ["service", "marketing"] },
        caps: [{ categories: ["marketing", "service"], max: 1, per: "P1D" }],
        whenCapped: "skip",
      },
    ]);
    for (const channel of ["sms", "app", "email", "wechat"])
      await sql.query("insert into webhooks (workspace_id, channel, url, secret) values ($1, $2, $3, 's')", [
        db.workspaceId,
        channel,
        receiver.url,
      ]);
    for (const p of everyone) {
      await upsertCustomer(sql, db.workspaceId, p.id, {
        birthday: "1990-06-15",
        timezone: p.zone,
        preferredChannel: p.preferred as "sms",
        addresses: [
          { channel: "sms", address: `+1-${p.id}` },
          { channel: "app", address: `push-${p.id}` },
          { channel: "email", address: `${p.id}@example.com` },
        ],
        ...(p.smsOptOut ? { consent: { sms: false } } : {}),
      });
    }
    // Those at the cap had a service message from another journey at 08:30 local that day.
    for (const p of everyone.filter((q) => q.atCap)) {
      await sql.query(
        `insert into outbox (workspace_id, customer_id, channel, category, node, payload, status, delivered_at)
         select $1, c.id, 'email', 'service', 'other', '{}', 'delivered', ((date '2027-06-15' + time '08:30') at time zone $3)
         from customers c where c.workspace_id = $1 and c.external_id = $2`,
        [db.workspaceId, p.id, p.zone],
      );
    }
    // Step from 14 June 20:00 UTC (06:00 on the 15th in Sydney, quiet hours) to 15 June 15:00 UTC (past
    // 09:00 in New York, the last zone).
    for (let now = Date.parse("2027-06-14T20:00:00Z"); now <= Date.parse("2027-06-15T15:00:00Z"); now += TICK) {
      await runDueTriggers(engine, { now: new Date(now) });
      while ((await deliverOutbox(sql, { now: new Date(now), limit: 200 })).claimed > 0);
      // What went out at this tick: the greetings a webhook acknowledged since the last one (read from the
      // rows, which are marked sent only on a 2xx, rather than from the receiver's arrival order).
      const sent = await sql.query<{ id: string; customer: string; channel: string }>(
        `select o.id, c.external_id as customer, o.channel from outbox o join customers c on c.id = o.customer_id
         where o.workspace_id = $1 and o.type = 'message.send' and o.status in ('sent', 'delivered')
           and o.payload ->> 'flow' = 'birthday-greeting'`,
        [db.workspaceId],
      );
      for (const r of sent) {
        if (counted.has(r.id)) continue;
        counted.add(r.id);
        const list = deliveredAt.get(r.customer) ?? [];
        list.push({ at: now, channel: r.channel });
        deliveredAt.set(r.customer, list);
      }
    }
  }, 900_000);
  afterAll(async () => {
    await receiver?.close();
    await db?.close();
  });

  it("greets every customer not at the cap exactly once, between 09:00 and 09:30 in their own zone", () => {
    for (const p of everyone.filter((q) => !q.atCap)) {
      const got = deliveredAt.get(p.id) ?? [];
      expect(got, p.id).toHaveLength(1);
      const local = localTime(got[0]?.at ?? 0, p.zone);
      expect(`${local.month}-${local.day}`, p.id).toBe("6-15");
      expect(local.minutes, `${p.id} in ${p.zone}`).toBeGreaterThanOrEqual(9 * 60);
      expect(local.minutes, `${p.id} in ${p.zone}`).toBeLessThan(9 * 60 + 30);
    }
  });

  it("never uses an opted-out SMS or a channel without an address, and never sends in quiet hours", () => {
    for (const p of everyone) {
      for (const { at, channel } of deliveredAt.get(p.id) ?? []) {
        if (p.smsOptOut) expect(channel, p.id).not.toBe("sms");
        expect(channel, p.id).not.toBe("wechat");
        const minutes = localTime(at, p.zone).minutes;
        expect(minutes >= 8 * 60 && minutes < 21 * 60, p.id).toBe(true);
      }
      const expected = p.preferred === "wechat" || (p.preferred === "sms" && p.smsOptOut) ? "app" : p.preferred;
      if (!p.atCap) expect(deliveredAt.get(p.id)?.[0]?.channel, p.id).toBe(expected);
    }
  });

  it("skips the greeting of a customer already at the day's cap, recording CAPPED", async () => {
    const capped = everyone.filter((p) => p.atCap);
    expect(capped.length).toBeGreaterThan(70);
    for (const p of capped) expect(deliveredAt.get(p.id), p.id).toBeUndefined();
    const rows = await engine.sql.query<{ external_id: string; status: string; reason: string | null }>(
      `select c.external_id, o.status, o.reason from outbox o join customers c on c.id = o.customer_id
       where o.workspace_id = $1 and o.payload ->> 'node' = 'greet'`,
      [db.workspaceId],
    );
    const byCustomer = new Map(rows.map((r) => [r.external_id, r]));
    for (const p of capped) expect(byCustomer.get(p.id), p.id).toMatchObject({ status: "skipped", reason: "CAPPED" });
    expect(rows).toHaveLength(COUNT);
  });
});
