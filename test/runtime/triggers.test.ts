// `date` and `schedule` start triggers, evaluated at an injected "now" (no waiting): each customer's
// birthday at 09:00 in their own zone (else the trigger's), 29 February in other years, the catch-up
// window, publication as the earliest point; a cron schedule starts the flow once per customer per
// occurrence; evaluating twice, or twice at once, starts nothing twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "../../server/runtime/engine";
import { createRuntimeEngine } from "../../server/services/runtimeEngine";
import { sqlClientFor } from "../../server/db/sqlClient";
import { latestOccurrence, monthDays, runDueTriggers, type TriggerRun } from "../../server/runtime/triggers";
import { upsertCustomer } from "../../server/services/customers";
import { setFlowArchived } from "../../server/services/flows/flowDrafts";
import { publishFlow } from "../../server/services/publishing";
import { openTestDatabase, serverUrl, type TestDatabase } from "./testDatabase";

const kinds = serverUrl ? (["pglite", "postgres"] as const) : (["pglite"] as const);

function flowWith(key: string, trigger: Record<string, unknown>): unknown {
  return {
    schema: "journey-studio/flow@1",
    key,
    name: key,
    kind: "mot",
    channels: ["sms", "email"],
    nodes: [
      // `always`: these cases are about dates; re-entry (afterEnd by default) is test/runtime/audience.test.ts.
      { id: "start", type: "start", position: { x: 0, y: 0 }, data: { trigger, reentry: "always" } },
      { id: "greet", type: "stage", position: { x: 0, y: 100 }, data: { stage: "opening" } },
      { id: "done", type: "end", position: { x: 0, y: 200 }, data: { outcome: "resolved" } },
    ],
    edges: [
      { id: "e1", source: "start", target: "greet" },
      { id: "e2", source: "greet", target: "done" },
    ],
  };
}

// (The seeded workspace also has the example journeys, birthday-greeting among them: left out here.)
const byCustomer = (runs: TriggerRun[]) =>
  runs
    .filter((r) => r.flow.startsWith("t-"))
    .map((r) => `${r.flow} ${r.customer} ${r.occurrence}`)
    .sort();

describe.each(kinds)("start triggers on %s", (kind) => {
  let db: TestDatabase;
  let engine: Engine;

  beforeAll(async () => {
    db = await openTestDatabase({ kind });
    engine = createRuntimeEngine(sqlClientFor(db.database));
    const customers: Array<
      [string, { birthday?: string; timezone?: string; preferredChannel?: string; attributes?: Record<string, string> }]
    > = [
      ["shanghai", { birthday: "1990-03-01", timezone: "Asia/Shanghai", preferredChannel: "email" }],
      ["new-york", { birthday: "1985-03-01", timezone: "America/New_York" }],
      ["no-zone", { birthday: "2000-03-01" }],
      ["bad-zone", { birthday: "2001-03-01", timezone: "Mars/Olympus" }],
      ["leap", { birthday: "2004-02-29", timezone: "Asia/Shanghai" }],
      ["no-birthday", { timezone: "Asia/Shanghai", attributes: { joined: "2020-03-02" } }],
    ];
    for (const [id, profile] of customers) await upsertCustomer(engine.sql, db.workspaceId, id, profile);
    for (const doc of [
      flowWith("t-birthday", { type: "date", field: "customer.birthday", at: "09:00", timezone: "Asia/Shanghai" }),
      flowWith("t-joined", { type: "date", field: "customer.joined", offsetDays: -1, at: "10:30" }),
      flowWith("t-daily", { type: "schedule", cron: "0 9 * * *", timezone: "Asia/Shanghai" }),
    ]) {
      const published = await publishFlow(db.database.db, db.workspaceId, doc);
      expect(published.ok).toBe(true);
    }
  });
  afterAll(async () => {
    await db?.close();
  });

  it("cron occurrences are computed in the trigger's zone", () => {
    const at = latestOccurrence(
      { type: "schedule", cron: "0 9 * * *", timezone: "Asia/Shanghai" },
      new Date("2027-03-01T01:05:00Z"),
    );
    expect(at?.toISOString()).toBe("2027-03-01T01:00:00.000Z");
  });

  it("starts each due occurrence once per customer, in the customer's zone, and never again", async () => {
    // 09:05 in Shanghai on 1 March 2027 (01:05 UTC).
    const now = new Date("2027-03-01T01:05:00Z");
    const [first, second] = await Promise.all([runDueTriggers(engine, { now }), runDueTriggers(engine, { now })]);
    const runs = [...(first ?? []), ...(second ?? [])];
    expect(byCustomer(runs)).toEqual(
      [
        // Birthdays: Shanghai's own zone; no zone and an unknown zone fall back to the trigger's.
        // New York's 09:00 is still 13 hours away; 28 February's (the leap-day birthday) is beyond the catch-up window.
        "t-birthday bad-zone 2027-03-01",
        "t-birthday no-zone 2027-03-01",
        "t-birthday shanghai 2027-03-01",
        // Once a day at 09:00 Shanghai: every customer of the workspace.
        ...["bad-zone", "leap", "new-york", "no-birthday", "no-zone", "shanghai"].map(
          (c) => `t-daily ${c} 2027-03-01T01:00:00.000Z`,
        ),
      ].sort(),
    );
    expect(byCustomer(await runDueTriggers(engine, { now }))).toEqual([]);

    // The interactions exist, live, on the customer's preferred channel when the flow has it.
    const started = await engine.sql.query<{
      flow_key: string;
      external_id: string;
      channel: string;
      status: string;
      test: boolean;
    }>(
      `select i.flow_key, c.external_id, i.channel, i.status, i.test_clock is not null as test
       from trigger_runs r join interactions i on i.id = r.interaction_id join customers c on c.id = i.customer_id where r.flow_key = 't-birthday' order by c.external_id`,
    );
    expect(started).toEqual([
      { flow_key: "t-birthday", external_id: "bad-zone", channel: "sms", status: "active", test: false },
      { flow_key: "t-birthday", external_id: "no-zone", channel: "sms", status: "active", test: false },
      { flow_key: "t-birthday", external_id: "shanghai", channel: "email", status: "active", test: false },
    ]);

    // 09:00 in New York. (`joined`'s 10:30 in Shanghai, 02:30 UTC, is over 6 hours old by then: skipped.)
    const later = await runDueTriggers(engine, { now: new Date("2027-03-01T14:00:00Z") });
    expect(byCustomer(later)).toEqual(["t-birthday new-york 2027-03-01"]);
  });

  it("29 February falls on the 28th in other years; an attribute date with an offset; a processes-down catch-up", async () => {
    const leap = await runDueTriggers(engine, { now: new Date("2028-02-29T01:30:00Z") });
    // 2028 is a leap year: the leap-day birthday is on the 29th, at 09:00 Shanghai (01:00 UTC).
    expect(byCustomer(leap).filter((r) => r.startsWith("t-birthday"))).toEqual(["t-birthday leap 2028-02-29"]);
    const plain = await runDueTriggers(engine, { now: new Date("2029-02-28T05:00:00Z") });
    expect(byCustomer(plain).filter((r) => r.startsWith("t-birthday"))).toEqual(["t-birthday leap 2029-02-28"]);
    // `joined` 03-02, one day before, at 10:30 in the customer's zone (Shanghai): 02:30 UTC, found at
    // 05:00 (the processes were down at 02:30; within the catch-up window).
    const joined = await runDueTriggers(engine, { now: new Date("2029-03-01T05:00:00Z") });
    expect(byCustomer(joined).filter((r) => r.startsWith("t-joined"))).toEqual(["t-joined no-birthday 2029-03-01"]);
    // Too late: beyond the catch-up window, the occurrence is skipped.
    const missed = await runDueTriggers(engine, { now: new Date("2030-03-01T23:00:00Z"), catchUpMinutes: 60 });
    expect(byCustomer(missed).filter((r) => r.startsWith("t-joined"))).toEqual([]);
  });

  it("an archived flow's schedule starts nothing until it is unarchived", async () => {
    const published = await publishFlow(
      db.database.db,
      db.workspaceId,
      flowWith("x-archived", { type: "schedule", cron: "* * * * *", timezone: "UTC" }),
    );
    expect(published.ok).toBe(true);
    await setFlowArchived(db.database.db, db.workspaceId, "x-archived", true);
    const now = new Date(Date.now() + 120_000);
    const archived = await runDueTriggers(engine, { now });
    expect(archived.filter((r) => r.flow === "x-archived")).toEqual([]);
    await setFlowArchived(db.database.db, db.workspaceId, "x-archived", false);
    const active = await runDueTriggers(engine, { now });
    expect(active.filter((r) => r.flow === "x-archived").length).toBeGreaterThan(0);
  });

  it("a page of starts written in one statement keeps each start's timer, path and start event", async () => {
    const doc = flowWith("w-wait", {
      type: "date",
      field: "customer.birthday",
      at: "09:00",
      timezone: "Asia/Shanghai",
    }) as {
      nodes: Array<Record<string, unknown>>;
    };
    doc.nodes[1] = { id: "greet", type: "wait", position: { x: 0, y: 100 }, data: { duration: "P7D" } };
    expect((await publishFlow(db.database.db, db.workspaceId, doc)).ok).toBe(true);
    const now = new Date("2031-03-01T01:05:00Z");
    const runs = (await runDueTriggers(engine, { now, batchSize: 2 })).filter((r) => r.flow === "w-wait");
    expect(runs.map((r) => r.customer).sort()).toEqual(["bad-zone", "no-zone", "shanghai"]);
    const rows = await engine.sql.query<{
      status: string;
      current_node: string;
      timers: number;
      seven_days: boolean;
      path: string;
      events: string;
    }>(
      `select i.status, i.current_node,
         (select count(*)::int from timers t where t.interaction_id = i.id) as timers,
         (select bool_and(abs(extract(epoch from t.due_at - i.created_at) - 7 * 86400) < 60) from timers t where t.interaction_id = i.id) as seven_days,
         (select string_agg(p.node || ':' || coalesce(p.outlet, '-') || ':' || (p.left_at is not null)::text, ' ' order by p.position)
            from interaction_path p where p.interaction_id = i.id) as path,
         (select string_agg(e.seq || ':' || e.type, ' ' order by e.seq) from interaction_events e where e.interaction_id = i.id) as events
       from trigger_runs r join interactions i on i.id = r.interaction_id where r.flow_key = 'w-wait'`,
    );
    expect(rows).toHaveLength(3);
    for (const row of rows)
      expect(row).toEqual({
        status: "waiting",
        current_node: "greet",
        timers: 1,
        seven_days: true,
        path: "start:out:true greet:-:false",
        events: "0:interaction.started",
      });
    expect((await runDueTriggers(engine, { now })).filter((r) => r.flow === "w-wait")).toEqual([]);
  });

  it("nothing before the flow was first published", async () => {
    const runs = await runDueTriggers(engine, { now: new Date("2020-03-01T01:05:00Z") });
    expect(runs).toEqual([]);
  });

  it("a later minute reads only the customers who can be due: nothing, then those added or changed", async () => {
    const minute = flowWith("m-minute", { type: "date", field: "customer.birthday", at: "09:00" });
    expect((await publishFlow(db.database.db, db.workspaceId, minute)).ok).toBe(true);
    for (const [id, profile] of [
      ["m-shanghai", { birthday: "1990-07-20", timezone: "Asia/Shanghai" }],
      ["m-new-york", { birthday: "1991-07-20", timezone: "America/New_York" }],
      ["m-changes", { birthday: "1992-07-21", timezone: "Asia/Shanghai" }],
    ] as const)
      await upsertCustomer(engine.sql, db.workspaceId, id, profile);
    // Every customer so far has long existed (a minute's evaluation reads again those changed just before it).
    await engine.sql.query("update customers set updated_at = now() - interval '1 hour' where workspace_id = $1", [
      db.workspaceId,
    ]);
    const evaluate = async (now: Date) => {
      const passes: Array<{ full: boolean; scanned: number; started: number }> = [];
      const runs = await runDueTriggers(engine, {
        now,
        onPass: (p) => {
          if (p.flow === "m-minute") passes.push({ full: p.full, scanned: p.scanned, started: p.started });
        },
      });
      return {
        pass: passes[0],
        started: runs
          .filter((r) => r.flow === "m-minute")
          .map((r) => `${r.customer} ${r.occurrence}`)
          .sort(),
      };
    };
    const nine = new Date("2031-07-20T01:05:00Z"); // 09:05 in Shanghai
    const at = (minutes: number) => new Date(nine.getTime() + minutes * 60_000);

    // The first evaluation reads the customers whose birthday is near (3 of the workspace's), not all.
    const first = await evaluate(nine);
    expect(first.started).toEqual(["m-shanghai 2031-07-20"]);
    expect(first.pass).toEqual({ full: true, scanned: 3, started: 1 });
    const [{ count } = { count: 0 }] = await engine.sql.query<{ count: number }>(
      "select count(*)::int as count from customers where workspace_id = $1",
      [db.workspaceId],
    );
    expect(count).toBeGreaterThan(3);

    // The next minute: nobody is due before New York's 09:00, nobody changed: nothing read, nothing started.
    expect(await evaluate(at(1))).toEqual({ pass: { full: false, scanned: 0, started: 0 }, started: [] });

    // Later that day a customer joins with a birthday today, and another's birthday is corrected to
    // today: the next minute reads those two alone and starts both, once, however many evaluate it.
    await upsertCustomer(engine.sql, db.workspaceId, "m-joins", { birthday: "1993-07-20", timezone: "Asia/Shanghai" });
    await upsertCustomer(engine.sql, db.workspaceId, "m-changes", { birthday: "1992-07-20" });
    const [one, two] = await Promise.all([evaluate(at(30)), evaluate(at(30))]);
    expect([...(one?.started ?? []), ...(two?.started ?? [])].sort()).toEqual([
      "m-changes 2031-07-20",
      "m-joins 2031-07-20",
    ]);
    expect(one?.pass).toMatchObject({ full: false, scanned: 2 });
    // Read again while they are recent (the margin for a change committed late), never started again.
    expect(await evaluate(at(31))).toEqual({ pass: { full: false, scanned: 2, started: 0 }, started: [] });

    // New York's 09:00 (13:00 UTC) is the earliest occurrence still to come: then every customer who
    // can be due is read again, and New York's starts.
    await engine.sql.query("update customers set updated_at = now() - interval '1 hour' where workspace_id = $1", [
      db.workspaceId,
    ]);
    expect(await evaluate(new Date("2031-07-20T12:59:00Z"))).toEqual({
      pass: { full: false, scanned: 0, started: 0 },
      started: [],
    });
    const newYork = await evaluate(new Date("2031-07-20T13:01:00Z"));
    expect(newYork.started).toEqual(["m-new-york 2031-07-20"]);
    expect(newYork.pass).toEqual({ full: true, scanned: 4, started: 1 });
    expect(await evaluate(new Date("2031-07-20T13:02:00Z"))).toEqual({
      pass: { full: false, scanned: 0, started: 0 },
      started: [],
    });
    // An evaluation at an earlier clock than the watermark's (a test clock, a clock set back) reads all again.
    expect((await evaluate(new Date("2031-07-20T12:00:00Z"))).pass).toMatchObject({ full: true, started: 0 });
  });

  it("a schedule's occurrence is read in full once; the minutes after it read only customers changed since", async () => {
    const hourly = flowWith("s-hourly", { type: "schedule", cron: "0 * * * *" });
    expect((await publishFlow(db.database.db, db.workspaceId, hourly)).ok).toBe(true);
    await engine.sql.query("update customers set updated_at = now() - interval '1 hour' where workspace_id = $1", [
      db.workspaceId,
    ]);
    const [{ count } = { count: 0 }] = await engine.sql.query<{ count: number }>(
      "select count(*)::int as count from customers where workspace_id = $1",
      [db.workspaceId],
    );
    const evaluate = async (now: string) => {
      const passes: Array<{ full: boolean; scanned: number; started: number }> = [];
      const runs = await runDueTriggers(engine, {
        now: new Date(now),
        onPass: (p) => {
          if (p.flow === "s-hourly") passes.push({ full: p.full, scanned: p.scanned, started: p.started });
        },
      });
      return { pass: passes[0], started: runs.filter((r) => r.flow === "s-hourly").map((r) => r.customer) };
    };
    const first = await evaluate("2032-01-05T10:05:00Z");
    expect(first.pass).toEqual({ full: true, scanned: count, started: count });
    expect(await evaluate("2032-01-05T10:06:00Z")).toEqual({
      pass: { full: false, scanned: 0, started: 0 },
      started: [],
    });
    await upsertCustomer(engine.sql, db.workspaceId, "s-joins", { timezone: "Asia/Shanghai" });
    expect(await evaluate("2032-01-05T10:07:00Z")).toEqual({
      pass: { full: false, scanned: 1, started: 1 },
      started: ["s-joins"],
    });
    // The next occurrence: every customer again, the one who joined too.
    const next = await evaluate("2032-01-05T11:00:30Z");
    expect(next.pass).toEqual({ full: true, scanned: count + 1, started: count + 1 });
  });

  it("the month-days a window can be due on: zones from UTC-12 to UTC+14, offsets, 29 February", () => {
    const now = new Date("2027-03-01T01:05:00Z");
    const sixHours = new Date(now.getTime() - 6 * 3600_000);
    expect(monthDays(0, now, sixHours)).toEqual([226, 227, 228, 229, 301, 302]);
    // offsetDays -1: the day before the date, so the dates one day later.
    expect(monthDays(-1, now, sixHours)).toEqual([227, 228, 229, 301, 302, 303]);
    expect(monthDays(0, now, new Date(now.getTime() - 400 * 86400_000))).toBeNull();
  });
});
