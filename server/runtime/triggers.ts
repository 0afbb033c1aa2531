// The `date` and `schedule` start triggers (CONTRACT.md section 1, `start.trigger`).
//
// Evaluated every minute (a pg-boss cron schedule, workers.ts) and at start-up, for the latest
// published version of every flow, live mode only:
//
// - `date` {field, offsetDays?, at?, timezone?}: each customer whose `field` (`customer.birthday`, or
//   any `customer.<attribute>` holding a YYYY-MM-DD date) falls on a day recurs every year on that
//   month and day (29 February: the 28th in other years), moved by `offsetDays`, at `at` (default
//   09:00) in the customer's time zone, else the trigger's `timezone`, else UTC. The flow starts once
//   per customer per occurrence.
// - `schedule` {cron, timezone?}: at each cron occurrence (in `timezone`, default UTC), the flow
//   starts once for every customer of the workspace (a schedule has no audience of its own: its
//   audience is the workspace's customers; the flow's decision nodes pick whom to act on).
//
// An occurrence starts its flows when it falls due, or later if every process was down then, as long
// as it is at most JOURNEY_TRIGGER_CATCHUP_MINUTES (default 360) old and not older than the flow's
// first publication (publishing never replays the past). Due customers are read a page (1,000) at a
// time and each page's starts are written in one statement (./triggerBatch.ts, ./writeStarts.ts): a
// `trigger_runs` row per start, unique per (flow, occurrence, customer), and the interaction it starts
// only where that row was inserted — so duplicate jobs, restarts and several processes start each
// occurrence exactly once.
import "server-only";
import { CronExpressionParser } from "cron-parser";
import type { JsonValue } from "../../flows";
import { env } from "../env";
import { CUSTOMER_CONTEXT_COLUMNS } from "./customerContext";
import { FLOW_ARCHIVED_SQL } from "./archivedFlow";
import type { Engine } from "./engine";
import type { LoadedFlowVersion } from "./flowVersionCache";
import { planTriggeredBatch, writeTriggeredBatch, WriteLanes } from "./triggerBatch";

export type TriggerOptions = {
  /** The time to evaluate at (tests inject it); default: now. */
  now?: Date;
  catchUpMinutes?: number;
  /** Starts per flow in one evaluation (default: every due customer); the rest wait for the next minute. */
  limit?: number;
  /** Customers read per query: the evaluation streams them, so memory stays flat however many are due. */
  batchSize?: number;
  /** false: do not keep the runs (a bench over a million starts); `onBatch` still reports them. */
  collect?: boolean;
  onBatch?: (batch: { flow: string; read: number; started: number }) => void;
};

type DateTrigger = { type: "date"; field: string; offsetDays?: number; at?: string; timezone?: string };
type ScheduleTrigger = { type: "schedule"; cron: string; timezone?: string };

export type CandidateRow = {
  id: string;
  external_id: string;
  name: string | null;
  birthday: string | null;
  timezone: string | null;
  preferred_channel: string | null;
  locale: string | null;
  tags: string[];
  profile: { [key: string]: JsonValue };
  consent: { [channel: string]: JsonValue } | null;
  addresses: { [channel: string]: JsonValue } | null;
  occurrence: string;
};

const CUSTOMER_COLUMNS = CUSTOMER_CONTEXT_COLUMNS;

/**
 * The customer `c`'s run of the occurrence, if any: a lateral lookup with LIMIT 1, so it is always one
 * probe of the unique key per customer. As a NOT EXISTS anti-join, the planner, trusting the statistics
 * of a trigger_runs that had few rows of the flow when the statement was planned, scanned every run of
 * the flow for each customer: quadratic, 1.8 s per page of 1,000 at 20,000 runs.
 */
const RUN_OF = (flowKey: string, occurrence: string) =>
  `select true as found from trigger_runs r where r.workspace_id = $1 and r.flow_key = ${flowKey} and r.occurrence = ${occurrence} and r.customer_id = c.id limit 1`;

/**
 * Customers whose yearly date occurs in ($from, $now]: the occurrence is their date's month and day
 * in the year before, of or after now (in their zone), plus offsetDays, at `at`, in their zone.
 */
const DUE_DATES = `
with zones as materialized (select jsonb_array_elements_text($12::jsonb) as name),
cand as (
  select c.*, v.value,
    case when c.timezone in (select name from zones) then c.timezone when $5 in (select name from zones) then $5 else 'UTC' end as tz
  from customers c,
    lateral (select case when $2 = 'birthday' then c.birthday::text else c.profile ->> $2 end as value) v
  where c.workspace_id = $1 and c.id > $10::uuid and c.id <= $11::uuid and v.value ~ '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])'
),
occ as (
  select cand.*, day.local_day, (day.local_day + $4::time) at time zone cand.tz as due
  from cand,
    lateral (select extract(year from ($6::timestamptz at time zone cand.tz))::int + k as y from generate_series(-1, 1) k) years,
    lateral (select make_date(years.y, substr(cand.value, 6, 2)::int, 1) as first_of_month) m,
    lateral (select least(m.first_of_month + (substr(cand.value, 9, 2)::int - 1), (m.first_of_month + interval '1 month - 1 day')::date) + $3::int as local_day) day
)
select ${CUSTOMER_COLUMNS}, c.local_day::text as occurrence
from occ c
  left join lateral (${RUN_OF("$8", "c.local_day::text")}) run on true
where c.due <= $6 and c.due > $7 and run.found is null
order by c.id
limit $9`;

const ZONE_NAMES = "select name from pg_timezone_names";

/** The last customer id of the next page of at most $3 customers after $2: a due-date query reads one page. */
const PAGE_END = `select (select p.id from (select c.id from customers c where c.workspace_id = $1 and c.id > $2::uuid order by c.id limit $3) p order by p.id desc limit 1)::text as last`;

const SCHEDULE_AUDIENCE = `
select ${CUSTOMER_COLUMNS}, $3::text as occurrence from customers c
  left join lateral (${RUN_OF("$2", "$3")}) run on true
where c.workspace_id = $1 and c.id > $5::uuid and run.found is null
order by c.id
limit $4`;

/** The latest published version of every flow that is not archived, with its first publication. */
const FLOWS = `
select distinct on (v.flow_id) v.id, v.workspace_id, f.key,
  (select min(v2.published_at) from flow_versions v2 where v2.flow_id = v.flow_id) as first_published
from flow_versions v join flows f on f.id = v.flow_id
where v.source -> 'nodes' @> '[{"type": "start"}]' and not ${FLOW_ARCHIVED_SQL}
  and exists (select 1 from jsonb_array_elements(v.source -> 'nodes') n where n ->> 'type' = 'start' and n -> 'data' -> 'trigger' ->> 'type' in ('date', 'schedule'))
order by v.flow_id, v.version desc`;

export type TriggerRun = {
  flow: string;
  kind: "date" | "schedule";
  occurrence: string;
  customer: string;
  interaction: string;
};

/** Evaluates every date and schedule trigger once; returns the interactions it started. */
export async function runDueTriggers(engine: Engine, options: TriggerOptions = {}): Promise<TriggerRun[]> {
  const now = options.now ?? new Date();
  const catchUpMs = (options.catchUpMinutes ?? env().JOURNEY_TRIGGER_CATCHUP_MINUTES) * 60_000;
  const limit = options.limit ?? Number.MAX_SAFE_INTEGER;
  const stream = { batchSize: options.batchSize ?? 1000, collect: options.collect ?? true, onBatch: options.onBatch };
  const flows = await engine.sql.query<{
    id: string;
    workspace_id: string;
    key: string;
    first_published: Date | string;
  }>(FLOWS);
  const runs: TriggerRun[] = [];
  for (const flow of flows) {
    const version = await engine.versions.get(flow.id);
    const trigger = startTrigger(version);
    if (!trigger) continue;
    const from = new Date(Math.max(now.getTime() - catchUpMs, new Date(flow.first_published).getTime() - 1));
    try {
      const page =
        trigger.type === "date"
          ? dateBatches(engine, version, trigger, now, from, stream.batchSize)
          : scheduleBatches(engine, version, trigger, now, from, stream.batchSize);
      // While one batch is written, the next page is read and planned (on Postgres, two writes at
      // most in flight: pages are disjoint, so they never wait on each other's keys).
      const writes = new WriteLanes(engine.sql.kind === "postgres" ? 2 : 1);
      let started = 0;
      let inFlight = 0;
      for await (const batch of page) {
        const planned = await planTriggeredBatch(engine, version, batch, now, limit - started - inFlight);
        inFlight += planned.length;
        await writes.add(
          writeTriggeredBatch(engine, version, trigger.type, planned).then((done) => {
            inFlight -= planned.length;
            started += done.length;
            if (stream.collect) runs.push(...done);
            stream.onBatch?.({ flow: version.flowKey, read: batch.length, started: done.length });
          }),
        );
        if (started + inFlight >= limit) break;
      }
      await writes.drain();
    } catch (error) {
      // One flow's bad trigger (an unknown zone, a broken cron) must not stop the others.
      console.error(`[runtime] trigger of flow "${version.flowKey}" failed:`, error);
    }
  }
  return runs;
}

function startTrigger(version: LoadedFlowVersion): DateTrigger | ScheduleTrigger | undefined {
  const start = version.document.nodes.find((n) => n.type === "start");
  const trigger = (start?.data as { trigger?: { type?: unknown } } | undefined)?.trigger;
  if (trigger?.type === "date" || trigger?.type === "schedule") return trigger as DateTrigger | ScheduleTrigger;
  return undefined;
}

const FIRST_ID = "00000000-0000-0000-0000-000000000000";

/** The due customers of a date trigger, a batch at a time in id order. */
async function* dateBatches(
  engine: Engine,
  version: LoadedFlowVersion,
  trigger: DateTrigger,
  now: Date,
  from: Date,
  batchSize: number,
): AsyncGenerator<CandidateRow[]> {
  const field = trigger.field.replace(/^customer\./, "");
  // The server's zone names, read once per evaluation (pg_timezone_names reads the zone files: ~70 ms).
  const zones = (await engine.sql.query<{ name: string }>(ZONE_NAMES)).map((z) => z.name);
  for (let after = FIRST_ID; ;) {
    // One page of customers at a time (in id order), so each query reads a page, not the workspace.
    const [page] = await engine.sql.query<{ last: string | null }>(PAGE_END, [version.workspaceId, after, batchSize]);
    const last = page?.last;
    if (!last) return;
    const due = await engine.sql.query<CandidateRow>(DUE_DATES, [
      version.workspaceId,
      field,
      trigger.offsetDays ?? 0,
      trigger.at ?? "09:00",
      trigger.timezone ?? "UTC",
      now,
      from,
      version.flowKey,
      batchSize,
      after,
      last,
      zones,
    ]);
    if (due.length > 0) yield due;
    after = last;
  }
}

/** Every customer of the workspace at a schedule's latest occurrence, a batch at a time. */
async function* scheduleBatches(
  engine: Engine,
  version: LoadedFlowVersion,
  trigger: ScheduleTrigger,
  now: Date,
  from: Date,
  batchSize: number,
): AsyncGenerator<CandidateRow[]> {
  const occurrence = latestOccurrence(trigger, now);
  if (!occurrence || occurrence.getTime() <= from.getTime()) return;
  for (let after = FIRST_ID; ;) {
    const rows = await engine.sql.query<CandidateRow>(SCHEDULE_AUDIENCE, [
      version.workspaceId,
      version.flowKey,
      occurrence.toISOString(),
      batchSize,
      after,
    ]);
    if (rows.length > 0) yield rows;
    const last = rows[rows.length - 1];
    if (!last || rows.length < batchSize) return;
    after = last.id;
  }
}

/** The cron's latest occurrence at or before `now`. */
export function latestOccurrence(trigger: ScheduleTrigger, now: Date): Date | undefined {
  const expression = CronExpressionParser.parse(trigger.cron, {
    currentDate: new Date(now.getTime() + 1),
    tz: trigger.timezone ?? "UTC",
  });
  return expression.prev().toDate();
}
