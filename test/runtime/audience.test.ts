// WHO and re-entry (CONTRACT §7) on PGlite and Postgres: a start's `audience` picks the customers a
// date, schedule or event trigger starts; `reentry` (afterEnd by default, never, always, a cooldown)
// keeps a repeated occurrence or event from starting a second journey; and two engines on separate
// connection pools, evaluating the same occurrence or handling the same event at once, start one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "../../server/runtime/engine";
import { createRuntimeEngine } from "../../server/services/runtimeEngine";
import { createDatabase, type Database } from "../../server/db/client";
import { sqlClientFor } from "../../server/db/sqlClient";
import { runDueTriggers } from "../../server/runtime/triggers";
import { handleCustomerEvent } from "../../server/services/customerEvents";
import { upsertCustomer } from "../../server/services/customers";
import { publishFlow } from "../../server/services/publishing";
import { openTestDatabase, serverUrl, type TestDatabase } from "./testDatabase";

const kinds = serverUrl ? (["pglite", "postgres"] as const) : (["pglite"] as const);

function flowWith(key: string, start: Record<string, unknown>): unknown {
  return {
    schema: "journey-studio/flow@1",
    key,
    name: key,
    kind: "mot",
    channels: ["sms", "email"],
    nodes: [
      { id: "start", type: "start", position: { x: 0, y: 0 }, data: start },
      { id: "greet", type: "stage", position: { x: 0, y: 100 }, data: { stage: "opening" } },
      { id: "done", type: "end", position: { x: 0, y: 200 }, data: { outcome: "resolved" } },
    ],
    edges: [
      { id: "e1", source: "start", target: "greet" },
      { id: "e2", source: "greet", target: "done" },
    ],
  };
}

const birthday = { type: "date", field: "customer.birthday", at: "09:00", timezone: "Asia/Shanghai" };
const ON_THE_DAY = new Date("2027-03-01T01:05:00Z"); // 09:05 in Shanghai on 1 March
const NEXT_YEAR = new Date("2028-03-01T01:05:00Z");
const live = (workspaceId: string) => ({ workspaceId, mode: "live" as const });
const mine = (prefix: string) => (runs: Array<{ flow: string; customer: string }>) =>
  runs
    .filter((r) => r.flow.startsWith(prefix))
    .map((r) => `${r.flow} ${r.customer}`)
    .sort();

describe.each(kinds)("audience and re-entry on %s", (kind) => {
  let db: TestDatabase;
  let engine: Engine;

  beforeAll(async () => {
    db = await openTestDatabase({ kind });
    engine = createRuntimeEngine(sqlClientFor(db.database));
    const people: Array<[string, string[], string]> = [
      ["vip-1", ["vip"], "gold"],
      ["vip-closed", ["vip"], "closed"],
      ["plain", [], "gold"],
    ];
    for (const [id, tags, tier] of people)
      await upsertCustomer(engine.sql, db.workspaceId, id, {
        birthday: "1990-03-01",
        timezone: "Asia/Shanghai",
        tags,
        attributes: { tier },
      });
    for (const doc of [
      flowWith("a-vip", { trigger: birthday, audience: "'vip' in customer.tags and customer.tier != 'closed'" }),
      flowWith("a-never", { trigger: birthday, audience: "customer.tier == 'gold'", reentry: "never" }),
      flowWith("a-afterend", { trigger: birthday, audience: "customer.tier == 'gold'" }),
      flowWith("a-always", { trigger: birthday, audience: "customer.tier == 'gold'", reentry: "always" }),
      flowWith("a-event", { trigger: { type: "event", event: "account.opened" }, audience: "customer.tier == 'gold'" }),
      flowWith("a-event-never", { trigger: { type: "event", event: "card.issued" }, reentry: "never" }),
    ]) {
      const published = await publishFlow(db.database.db, db.workspaceId, doc);
      expect(published.ok, JSON.stringify(published)).toBe(true);
    }
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  it("starts only the customers the audience holds", async () => {
    const runs = await runDueTriggers(engine, { now: ON_THE_DAY });
    expect(mine("a-vip")(runs)).toEqual(["a-vip vip-1"]);
    expect(mine("a-never")(runs)).toEqual(["a-never plain", "a-never vip-1"]);
    // Evaluating again starts nothing, audience-excluded customers included.
    expect(mine("a-")(await runDueTriggers(engine, { now: new Date(ON_THE_DAY.getTime() + 60_000) }))).toEqual([]);
  });

  it("at next year's occurrence: never starts nobody again, afterEnd not while the journey runs, always does", async () => {
    // plain's a-afterend journey of last year ends; vip-1's is still waiting at greet.
    const [plainRun] = await engine.sql.query<{ id: string }>(
      `select i.id from interactions i join customers c on c.id = i.customer_id
       where i.flow_key = 'a-afterend' and c.external_id = 'plain'`,
    );
    await engine.send(live(db.workspaceId), plainRun?.id ?? "", { type: "next" });
    const runs = await runDueTriggers(engine, { now: NEXT_YEAR });
    expect(mine("a-never")(runs)).toEqual([]);
    expect(mine("a-afterend")(runs)).toEqual(["a-afterend plain"]);
    expect(mine("a-always")(runs)).toEqual(["a-always plain", "a-always vip-1"]);
  });

  it("does not start an event's journey twice while it runs (afterEnd), and again once it ended", async () => {
    const event = { customer: { id: "plain" }, type: "account.opened" };
    const first = await handleCustomerEvent(db.database.db, engine, live(db.workspaceId), event);
    expect(first.started).toHaveLength(1);
    const repeated = await handleCustomerEvent(db.database.db, engine, live(db.workspaceId), event);
    expect(repeated.started).toEqual([]);
    await engine.send(live(db.workspaceId), first.started[0] ?? "", { type: "next" });
    const after = await handleCustomerEvent(db.database.db, engine, live(db.workspaceId), event);
    expect(after.started).toHaveLength(1);
    // Outside the audience: nothing.
    const other = await handleCustomerEvent(db.database.db, engine, live(db.workspaceId), {
      customer: { id: "vip-closed" },
      type: "account.opened",
    });
    expect(other.started).toEqual([]);
  });

  it("never starts a reentry: never journey twice for one customer, even after it ended", async () => {
    const event = { customer: { id: "vip-closed" }, type: "card.issued" };
    const first = await handleCustomerEvent(db.database.db, engine, live(db.workspaceId), event);
    expect(first.started).toHaveLength(1);
    await engine.send(live(db.workspaceId), first.started[0] ?? "", { type: "next" });
    expect((await handleCustomerEvent(db.database.db, engine, live(db.workspaceId), event)).started).toEqual([]);
  });
});

describe.runIf(serverUrl)("two engines on one Postgres database", () => {
  let db: TestDatabase;
  let second: Database;
  let engines: [Engine, Engine];

  beforeAll(async () => {
    db = await openTestDatabase({ kind: "postgres" });
    second = await createDatabase({ kind: "postgres", url: db.url ?? "", max: 10 });
    engines = [createRuntimeEngine(sqlClientFor(db.database)), createRuntimeEngine(sqlClientFor(second))];
    for (let i = 0; i < 60; i++)
      await upsertCustomer(engines[0].sql, db.workspaceId, `twin-${i}`, {
        birthday: "1990-03-01",
        timezone: "Asia/Shanghai",
      });
    for (const doc of [
      flowWith("t2-date", { trigger: birthday }),
      flowWith("t2-event", { trigger: { type: "event", event: "twin.event" } }),
    ])
      expect((await publishFlow(db.database.db, db.workspaceId, doc)).ok).toBe(true);
  }, 120_000);
  afterAll(async () => {
    await second?.close();
    await db?.close();
  });

  it("start each customer's occurrence once when both evaluate it at the same moment", async () => {
    const [a, b] = await Promise.all(
      engines.map((engine) => runDueTriggers(engine, { now: ON_THE_DAY, batchSize: 7 })),
    );
    const started = [...mine("t2-date")(a ?? []), ...mine("t2-date")(b ?? [])];
    expect(started).toHaveLength(60);
    expect(new Set(started).size).toBe(60);
    const [{ count } = { count: "0" }] = await engines[0].sql.query<{ count: string }>(
      "select count(*)::text as count from interactions where flow_key = 't2-date'",
    );
    expect(count).toBe("60");
  });

  it("start one journey when both handle the same event for the same customer at once", async () => {
    const caller = live(db.workspaceId);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        handleCustomerEvent(i % 2 === 0 ? db.database.db : second.db, engines[i % 2] as Engine, caller, {
          customer: { id: "twin-0" },
          type: "twin.event",
        }),
      ),
    );
    expect(results.flatMap((r) => r.started)).toHaveLength(1);
  });
});
