// Durable timers swept in batches: several sweepers on one database (on Postgres, each with its own
// connection pool, as separate processes would be) fire every due timer exactly once; so do the
// pg-boss workers of two "processes"; timers not yet due and test-clock timers are left alone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "../../server/db/client";
import type { Caller, Engine } from "../../server/runtime/engine";
import { createRuntimeEngine } from "../../server/services/runtimeEngine";
import { sqlClientFor } from "../../server/db/sqlClient";
import { sweepDueTimers } from "../../server/runtime/timerSweeper";
import { startWorkers } from "../../server/runtime/workers";
import { publishTestFlows } from "./testFlows";
import { openTestDatabase, serverUrl, type TestDatabase } from "./testDatabase";
import { eventually } from "./webhookReceiver";

const kinds = serverUrl ? (["pglite", "postgres"] as const) : (["pglite"] as const);

/** `count` waiting interactions of the wait-briefly flow, each with one timer `dueInSeconds` from now. */
async function waitingInteractions(
  engine: Engine,
  caller: Caller,
  count: number,
  dueInSeconds: number,
): Promise<string[]> {
  const template = await engine.start(caller, { flow: "test-wait-briefly", channel: "sms" });
  await engine.sql.query("update timers set cancelled_at = now() where interaction_id = $1", [template.id]);
  const rows = await engine.sql.query<{ id: string }>(
    `insert into interactions (workspace_id, flow_version_id, flow_key, version, status, channel, snapshot, context, current_node, seq)
     select workspace_id, flow_version_id, flow_key, version, status, channel, snapshot, context, current_node, 0 from interactions, generate_series(1, $2) where id = $1
     returning id`,
    [template.id, count],
  );
  await engine.sql.query(
    `insert into timers (workspace_id, interaction_id, timer_key, seq, due_at)
     select workspace_id, id, 'pause', 0, now() + make_interval(secs => $2) from interactions where id = any(array(select jsonb_array_elements_text($1::jsonb -> 'ids'))::uuid[])`,
    [{ ids: rows.map((r) => r.id) }, dueInSeconds],
  );
  return rows.map((r) => r.id);
}

/** Every interaction of `ids` fired its timer exactly once: one timer event, seq 0 then 1, completed. */
async function expectFiredOnce(engine: Engine, ids: string[]): Promise<void> {
  const events = await engine.sql.query<{ interaction_id: string; seqs: number[]; types: string[] }>(
    `select interaction_id, array_agg(seq order by seq) as seqs, array_agg(type order by seq) as types from interaction_events
     where interaction_id = any(array(select jsonb_array_elements_text($1::jsonb -> 'ids'))::uuid[]) group by interaction_id`,
    [{ ids }],
  );
  expect(events.length).toBe(ids.length);
  const wrong = events.filter((e) => e.seqs.join(",") !== "1" || e.types.join(",") !== "timer.pause");
  expect(wrong).toEqual([]);
  const timers = await engine.sql.query<{ n: string }>(
    `select count(*) as n from timers where fired_at is not null and interaction_id = any(array(select jsonb_array_elements_text($1::jsonb -> 'ids'))::uuid[])`,
    [{ ids }],
  );
  expect(Number(timers[0]?.n)).toBe(ids.length);
  const statuses = await engine.sql.query<{ status: string; n: string }>(
    `select status, count(*) as n from interactions where id = any(array(select jsonb_array_elements_text($1::jsonb -> 'ids'))::uuid[]) group by status`,
    [{ ids }],
  );
  expect(statuses.map((s) => [s.status, Number(s.n)])).toEqual([["completed", ids.length]]);
}

describe.each(kinds)("timer sweeps on %s", (kind) => {
  let db: TestDatabase;
  let caller: Caller;
  let engine: Engine;
  const extra: Database[] = [];

  beforeAll(async () => {
    db = await openTestDatabase({ kind });
    await publishTestFlows(db.database.db, db.workspaceId);
    caller = { workspaceId: db.workspaceId, mode: "live" };
    engine = createRuntimeEngine(sqlClientFor(db.database));
  });
  afterAll(async () => {
    for (const d of extra) await d.close();
    await db?.close();
  });

  /** A second "process": its own pool and engine on the same database (PGlite: the same handle). */
  async function otherEngine(): Promise<{ engine: Engine; database: Database }> {
    if (!db.url) return { engine: createRuntimeEngine(sqlClientFor(db.database)), database: db.database };
    const database = await createDatabase({ kind: "postgres", url: db.url, max: 8 });
    extra.push(database);
    return { engine: createRuntimeEngine(sqlClientFor(database)), database };
  }

  it("four concurrent sweepers, two per process, fire 1,200 due timers exactly once and leave the rest", async () => {
    const due = await waitingInteractions(engine, caller, 1200, -1);
    const later = await waitingInteractions(engine, caller, 50, 3600);
    const test = await createRuntimeEngine(engine.sql).start(
      { workspaceId: db.workspaceId, mode: "test" },
      { flow: "test-wait-briefly", channel: "sms" },
    );
    await engine.sql.query("update timers set due_at = now() - interval '1 hour' where interaction_id = $1", [test.id]);
    const other = await otherEngine();
    const sweepers = [engine, engine, other.engine, other.engine];
    let fired = 0;
    await Promise.all(
      sweepers.map(async (e) => {
        for (;;) {
          const result = await sweepDueTimers(e, 100);
          fired += result.fired;
          if (result.seen === 0) break;
        }
      }),
    );
    expect(fired).toBe(due.length);
    await expectFiredOnce(engine, due);
    const pending = await engine.sql.query<{ n: string }>(
      "select count(*) as n from timers where fired_at is null and cancelled_at is null and interaction_id = any(array(select jsonb_array_elements_text($1::jsonb -> 'ids'))::uuid[])",
      [{ ids: [...later, test.id] }],
    );
    expect(Number(pending[0]?.n)).toBe(later.length + 1);
  });

  it(
    "the pg-boss workers of two processes fire due timers once each, and timers falling due while they run",
    { timeout: 60_000 },
    async () => {
      const overdue = await waitingInteractions(engine, caller, 300, -5);
      const soon = await waitingInteractions(engine, caller, 100, 1);
      const other = await otherEngine();
      const options = { timerLanes: 2, timerLeaseMs: 1500, timerPollMs: 50, triggers: false, outboxPollMs: 60_000 };
      const workers = [startWorkers(engine, db.database, options), startWorkers(other.engine, other.database, options)];
      try {
        // Both started (pg-boss's first start and queue creation race between processes).
        expect((await Promise.all(workers.map((w) => w.boss))).every((b) => b !== undefined)).toBe(true);
        await eventually(async () => {
          const rows = await engine.sql.query<{ n: string }>(
            "select count(*) as n from timers where fired_at is null and interaction_id = any(array(select jsonb_array_elements_text($1::jsonb -> 'ids'))::uuid[])",
            [{ ids: [...overdue, ...soon] }],
          );
          return Number(rows[0]?.n) === 0 ? true : undefined;
        });
        // The lanes went on after their first lease, handed over through pg-boss.
        await new Promise((resolve) => setTimeout(resolve, 2000));
        const jobs = await engine.sql.query<{ n: string }>(
          "select count(*) as n from pgboss.job where name = 'journey-timer-sweep' and state = 'completed'",
        );
        expect(Number(jobs[0]?.n)).toBeGreaterThanOrEqual(2);
      } finally {
        await Promise.all(workers.map((w) => w.stop()));
      }
      await expectFiredOnce(engine, [...overdue, ...soon]);
      // Never before the due time.
      const early = await engine.sql.query<{ n: string }>(
        "select count(*) as n from timers where fired_at < due_at and interaction_id = any(array(select jsonb_array_elements_text($1::jsonb -> 'ids'))::uuid[])",
        [{ ids: soon }],
      );
      expect(Number(early[0]?.n)).toBe(0);
    },
  );
});
