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
//
// A date trigger does not read the workspace every minute. An evaluation reads only the customers whose
// date falls on a month-day that can be due in the window (monthDays; for `birthday`, through the index
// customers_birthday_md_idx), and records a watermark per flow version (trigger_watermarks): up to when
// it evaluated, and the earliest occurrence still to come among the customers it read (at most the next
// UTC midnight, when new month-days can fall due). Until then a minute reads only the customers changed
// since the last evaluation began, less a margin (customers_updated_idx): nothing, on most minutes; a
// customer added or whose date or zone changed later that day is still started. Audience and re-entry
// are decided for each page as before (./triggerBatch.ts); quiet hours and caps apply at delivery.
// A schedule's occurrence is likewise read in full once; the minutes after it, until the next
// occurrence, read only the customers changed since (a customer added later still starts).
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
  /**
   * After each trigger's evaluation: whether it read every customer who can be due (`full`) or only
   * those changed since the last one, how many customers it read (a schedule's full evaluation: those
   * without a run of the occurrence yet), and how many journeys it started.
   */
  onPass?: (pass: { flow: string; full: boolean; scanned: number; started: number }) => void;
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

/** A birthday's month and day as month * 100 + day: the expression customers_birthday_md_idx indexes. */
const BIRTHDAY_MONTH_DAY_SQL = "((extract(month from c.birthday) * 100 + extract(day from c.birthday))::int)";

const DATE_VALUE = "^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])";

/**
 * One page of customers ($9 at most, after the key $12/$13) and which of them have a yearly date that
 * occurs in ($7, $6]: the occurrence is their date's month and day in the year before, of or after now
 * (in their zone), plus offsetDays ($3), at `at` ($4), in their zone, else the trigger's ($5), else UTC.
 * Only dates on the month-days $11 (null: any) are considered. One row: the page's size and last key,
 * the earliest occurrence of its customers due after now, and the due customers not yet run.
 */
const DUE_DATES = (page: string, lastOrder: string) => `
with zones as materialized (select jsonb_array_elements_text($10::jsonb) as name),
page as materialized (${page}),
cand as materialized (
  select c.*, v.value,
    case when c.timezone in (select name from zones) then c.timezone when $5 in (select name from zones) then $5 else 'UTC' end as tz
  from page c,
    lateral (select case when $2 = 'birthday' then c.birthday::text else c.profile ->> $2 end as value) v
  where v.value ~ '${DATE_VALUE}'
    and ($11::jsonb is null or (case when v.value ~ '${DATE_VALUE}' then substr(v.value, 6, 2)::int * 100 + substr(v.value, 9, 2)::int end)
      = any(array(select jsonb_array_elements_text($11::jsonb)::int)))
),
occ as materialized (
  select cand.*, day.local_day, (day.local_day + $4::time) at time zone cand.tz as due
  from cand,
    lateral (select extract(year from ($6::timestamptz at time zone cand.tz))::int + k as y from generate_series(-1, 1) k) years,
    lateral (select make_date(years.y, substr(cand.value, 6, 2)::int, 1) as first_of_month) m,
    lateral (select least(m.first_of_month + (substr(cand.value, 9, 2)::int - 1), (m.first_of_month + interval '1 month - 1 day')::date) + $3::int as local_day) day
),
due as (
  select ${CUSTOMER_COLUMNS}, c.local_day::text as occurrence
  from occ c
    left join lateral (${RUN_OF("$8", "c.local_day::text")}) run on true
  where c.due <= $6 and c.due > $7 and run.found is null
)
select (select count(*) from page)::int as scanned,
  (select jsonb_build_object('id', p.id, 'at', p.updated_at) from page p order by ${lastOrder} limit 1) as last,
  (select min(o.due) from occ o where o.due > $6) as next_due,
  coalesce((select jsonb_agg(to_jsonb(d) order by d.id) from due d), '[]'::jsonb) as due`;

/** Customers whose birthday is on the month-day $12, in id order after $13 (customers_birthday_md_idx). */
const BY_MONTH_DAY = DUE_DATES(
  `select c.* from customers c
   where c.workspace_id = $1 and ${BIRTHDAY_MONTH_DAY_SQL} = $12::text::int and c.id > $13::uuid order by c.id limit $9`,
  "p.id desc",
);
/** Every customer, in id order after $13 ($12 unused: null). */
const BY_ID = DUE_DATES(
  `select c.* from customers c
   where c.workspace_id = $1 and $12::text is null and c.id > $13::uuid order by c.id limit $9`,
  "p.id desc",
);
/** The customers changed after ($12, $13), in the order they changed (customers_updated_idx). */
const BY_CHANGE = DUE_DATES(
  `select c.* from customers c
   where c.workspace_id = $1 and (c.updated_at, c.id) > ($12::text::timestamptz, $13::uuid) order by c.updated_at, c.id limit $9`,
  "p.updated_at desc, p.id desc",
);

const ZONE_NAMES = "select name from pg_timezone_names";

/** A date flow's watermark (schema/triggers.ts triggerWatermarks), with the database's clock now. */
const WATERMARK = `select w.evaluated_at, w.window_from, w.checked_at, w.next_due_at, clock_timestamp() as db_now
  from (select 1) one left join trigger_watermarks w on w.flow_version_id = $1`;

const SAVE_WATERMARK = `insert into trigger_watermarks (flow_version_id, workspace_id, evaluated_at, window_from, checked_at, next_due_at)
  values ($1, $2, $3, $4, $5, $6)
  on conflict (flow_version_id) do update set evaluated_at = excluded.evaluated_at, window_from = excluded.window_from,
    checked_at = excluded.checked_at, next_due_at = excluded.next_due_at, updated_at = now()`;

/**
 * How long before an evaluation began a customer change may have been written and still be invisible
 * to it (a transaction that began earlier and committed later): such customers are read again.
 */
const CHANGE_MARGIN_MS = 5 * 60_000;

const SCHEDULE_AUDIENCE = `
select ${CUSTOMER_COLUMNS}, $3::text as occurrence from customers c
  left join lateral (${RUN_OF("$2", "$3")}) run on true
where c.workspace_id = $1 and c.id > $5::uuid and run.found is null
order by c.id
limit $4`;

/** The customers changed after ($5, $6), in the order they changed, who have no run of the occurrence $3 yet. */
const SCHEDULE_CHANGED = `
with page as materialized (
  select c.* from customers c
  where c.workspace_id = $1 and (c.updated_at, c.id) > ($5::text::timestamptz, $6::uuid) order by c.updated_at, c.id limit $4
)
select (select count(*) from page)::int as scanned,
  (select jsonb_build_object('id', p.id, 'at', p.updated_at) from page p order by p.updated_at desc, p.id desc limit 1) as last,
  coalesce((select jsonb_agg(to_jsonb(d) order by d.id) from (
    select ${CUSTOMER_COLUMNS}, $3::text as occurrence from page c left join lateral (${RUN_OF("$2", "$3")}) run on true
    where run.found is null) d), '[]'::jsonb) as due`;

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
      // A minute reads only the customers who can be due (planDatePass, planSchedulePass).
      const pass =
        trigger.type === "date"
          ? await planDatePass(engine, version, now, from)
          : await planSchedulePass(engine, version, trigger, now, from);
      if (!pass) continue;
      const page =
        trigger.type === "date"
          ? dateBatches(engine, version, trigger, now, from, stream.batchSize, pass)
          : scheduleBatches(engine, version, stream.batchSize, pass);
      // While one batch is written, the next page is read and planned (on Postgres, two writes at
      // most in flight: pages are disjoint, so they never wait on each other's keys).
      const writes = new WriteLanes(engine.sql.kind === "postgres" ? 2 : 1);
      let started = 0;
      let inFlight = 0;
      let truncated = false;
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
        if (started + inFlight >= limit) {
          truncated = true;
          break;
        }
      }
      await writes.drain();
      // A pass cut short by `limit` covers nothing: the next minute reads again what it did not start.
      if (!truncated) await saveWatermark(engine, version, now, pass);
      options.onPass?.({ flow: version.flowKey, full: pass.full, scanned: pass.scanned, started });
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

/** What one evaluation of a trigger reads: every customer who can be due, or only those changed. */
type TriggerPass = {
  /** true: every customer whose date can be due in the window; false: those changed since `since`. */
  full: boolean;
  since?: string;
  /** The database's clock as the evaluation began (the next watermark's `checked_at`). */
  checkedAt: Date;
  windowFrom: Date;
  /**
   * Date: the earliest occurrence due after now among the customers read (and the watermark's, when
   * not full). Schedule: the cron's next occurrence.
   */
  nextDue: number;
  /** The watermark's next_due_at is at most this (date: the next UTC midnight). */
  until: number;
  scanned: number;
  /** A schedule's occurrence (ISO 8601, UTC). */
  occurrence?: string;
};

/**
 * Whether the watermark covers this minute: the last evaluation saw every customer for the occurrences
 * due in (window_from, evaluated_at], and none of them is due again before next_due_at. Then only the
 * customers changed since it began (less a margin) can be due now; otherwise every one who can be.
 */
async function planDatePass(engine: Engine, version: LoadedFlowVersion, now: Date, from: Date): Promise<TriggerPass> {
  const [w] = await engine.sql.query<WatermarkRow>(WATERMARK, [version.id]);
  const checkedAt = new Date(w?.db_now ?? Date.now());
  // Customers not read had no date on a month-day that can be due before the next UTC midnight (monthDays).
  const until = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  const covered =
    now.getTime() >= time(w?.evaluated_at) &&
    from.getTime() >= time(w?.window_from) &&
    now.getTime() < time(w?.next_due_at);
  if (!covered) return { full: true, checkedAt, windowFrom: from, nextDue: Infinity, until, scanned: 0 };
  return {
    full: false,
    since: new Date(time(w?.checked_at) - CHANGE_MARGIN_MS).toISOString(),
    checkedAt,
    windowFrom: new Date(time(w?.window_from)),
    nextDue: time(w?.next_due_at),
    until,
    scanned: 0,
  };
}

type WatermarkRow = {
  evaluated_at: Date | string | null;
  window_from: Date | string | null;
  checked_at: Date | string | null;
  next_due_at: Date | string | null;
  db_now: Date | string;
};

function time(value: Date | string | null | undefined): number {
  return value == null ? NaN : new Date(value).getTime();
}

async function saveWatermark(engine: Engine, version: LoadedFlowVersion, now: Date, pass: TriggerPass): Promise<void> {
  await engine.sql.query(SAVE_WATERMARK, [
    version.id,
    version.workspaceId,
    now,
    pass.windowFrom,
    pass.checkedAt,
    new Date(Math.min(pass.nextDue, pass.until)),
  ]);
}

/**
 * A schedule's latest occurrence in the window is evaluated once for every customer; after that, a
 * minute reads only the customers changed since (a customer added later still starts), until the next
 * occurrence. The watermark's `window_from` is the occurrence it covers.
 */
async function planSchedulePass(
  engine: Engine,
  version: LoadedFlowVersion,
  trigger: ScheduleTrigger,
  now: Date,
  from: Date,
): Promise<TriggerPass | undefined> {
  const occurrence = latestOccurrence(trigger, now);
  if (!occurrence || occurrence.getTime() <= from.getTime()) return undefined;
  const next = CronExpressionParser.parse(trigger.cron, { currentDate: occurrence, tz: trigger.timezone ?? "UTC" })
    .next()
    .toDate()
    .getTime();
  const [w] = await engine.sql.query<WatermarkRow>(WATERMARK, [version.id]);
  const checkedAt = new Date(w?.db_now ?? Date.now());
  const covered =
    time(w?.window_from) === occurrence.getTime() &&
    now.getTime() >= time(w?.evaluated_at) &&
    now.getTime() < time(w?.next_due_at);
  return {
    full: !covered,
    ...(covered ? { since: new Date(time(w?.checked_at) - CHANGE_MARGIN_MS).toISOString() } : {}),
    checkedAt,
    windowFrom: occurrence,
    nextDue: next,
    until: next,
    scanned: 0,
    occurrence: occurrence.toISOString(),
  };
}

const DAY_MS = 86_400_000;

/**
 * The month-days (month * 100 + day) whose occurrence can be due in (from, now]: the local day of an
 * occurrence due then lies between from's UTC day less two and now's UTC day plus one (zones run from
 * UTC-12 to UTC+14, `at` within the day), less offsetDays. A 29 February birthday falls on the 28th in
 * other years. Null (every day) for a window over a year.
 */
export function monthDays(offsetDays: number, now: Date, from: Date): number[] | null {
  const first = Math.floor(from.getTime() / DAY_MS) - 2;
  const last = Math.floor(now.getTime() / DAY_MS) + 1;
  if (last - first > 366) return null;
  const found = new Set<number>();
  for (let day = first; day <= last; day++) {
    const date = new Date((day - offsetDays) * DAY_MS);
    found.add((date.getUTCMonth() + 1) * 100 + date.getUTCDate());
  }
  if (found.has(228)) found.add(229);
  return [...found].sort((a, b) => a - b);
}

let zoneCache: { names: string[]; at: number } | undefined;

/** The server's zone names (pg_timezone_names reads the zone files: ~70 ms), read at most once an hour. */
async function zoneNames(engine: Engine): Promise<string[]> {
  if (!zoneCache || Date.now() - zoneCache.at > 3_600_000)
    zoneCache = { names: (await engine.sql.query<{ name: string }>(ZONE_NAMES)).map((z) => z.name), at: Date.now() };
  return zoneCache.names;
}

/** The due customers of a date trigger, a page at a time: by month-day and id, by id, or by change. */
async function* dateBatches(
  engine: Engine,
  version: LoadedFlowVersion,
  trigger: DateTrigger,
  now: Date,
  from: Date,
  batchSize: number,
  pass: TriggerPass,
): AsyncGenerator<CandidateRow[]> {
  const field = trigger.field.replace(/^customer\./, "");
  const zones = await zoneNames(engine);
  const days = monthDays(trigger.offsetDays ?? 0, now, from);
  const params = (key: string | null, after: string) => [
    version.workspaceId,
    field,
    trigger.offsetDays ?? 0,
    trigger.at ?? "09:00",
    trigger.timezone ?? "UTC",
    now,
    from,
    version.flowKey,
    batchSize,
    zones,
    days,
    key,
    after,
  ];
  type Page = {
    scanned: number;
    last: { id: string; at: string } | null;
    next_due: Date | string | null;
    due: CandidateRow[];
  };
  const read = async (statement: string, key: string | null, after: string) => {
    const [page] = await engine.sql.query<Page>(statement, params(key, after));
    if (!page) return undefined;
    pass.scanned += page.scanned;
    if (page.next_due !== null) pass.nextDue = Math.min(pass.nextDue, new Date(page.next_due).getTime());
    return page;
  };
  if (!pass.full) {
    for (let key = { at: pass.since ?? "", id: FIRST_ID }; ;) {
      const page = await read(BY_CHANGE, key.at, key.id);
      if (page && page.due.length > 0) yield page.due;
      if (!page?.last || page.scanned < batchSize) return;
      key = page.last;
    }
  }
  // Each month-day a page at a time in id order (customers_birthday_md_idx); a date kept in the
  // profile has no index: every customer, a page at a time.
  const keys: Array<string | null> = field === "birthday" && days ? days.map(String) : [null];
  for (const key of keys) {
    for (let after = FIRST_ID; ;) {
      const page = await read(key === null ? BY_ID : BY_MONTH_DAY, key, after);
      if (page && page.due.length > 0) yield page.due;
      if (!page?.last || page.scanned < batchSize) break;
      after = page.last.id;
    }
  }
}

/** Every customer of the workspace at a schedule's latest occurrence (or those changed since), a batch at a time. */
async function* scheduleBatches(
  engine: Engine,
  version: LoadedFlowVersion,
  batchSize: number,
  pass: TriggerPass,
): AsyncGenerator<CandidateRow[]> {
  const occurrence = pass.occurrence as string;
  if (!pass.full) {
    for (let key = { at: pass.since ?? "", id: FIRST_ID }; ;) {
      const [page] = await engine.sql.query<{
        scanned: number;
        last: { id: string; at: string } | null;
        due: CandidateRow[];
      }>(SCHEDULE_CHANGED, [version.workspaceId, version.flowKey, occurrence, batchSize, key.at, key.id]);
      pass.scanned += page?.scanned ?? 0;
      if (page && page.due.length > 0) yield page.due;
      if (!page?.last || page.scanned < batchSize) return;
      key = page.last;
    }
  }
  for (let after = FIRST_ID; ;) {
    const rows = await engine.sql.query<CandidateRow>(SCHEDULE_AUDIENCE, [
      version.workspaceId,
      version.flowKey,
      occurrence,
      batchSize,
      after,
    ]);
    pass.scanned += rows.length;
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
