// `date` and `schedule` start triggers, evaluated at an injected "now" (no waiting): each customer's
// birthday at 09:00 in their own zone (else the trigger's), 29 February in other years, the catch-up
// window, publication as the earliest point; a cron schedule starts the flow once per customer per
// occurrence; evaluating twice, or twice at once, starts nothing twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "../../server/runtime/engine";
import { createRuntimeEngine } from "../../server/services/runtimeEngine";
import { sqlClientFor } from "../../server/db/sqlClient";
import { latestOccurrence, runDueTriggers, type TriggerRun } from "../../server/runtime/triggers";
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
});
