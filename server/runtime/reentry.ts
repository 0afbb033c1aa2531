// WHO and re-entry for triggered starts (CONTRACT §7): the start node's `audience` and `reentry`.
// A date or schedule occurrence is its own key (trigger_runs is unique per flow, occurrence and
// customer); an event's occurrence is derived from the customer's earlier runs, so that two processes
// handling the same event compute the same key and only one of them starts the journey.
import "server-only";
import { addIsoDuration, expressionIsTrue, parseIsoDuration, type JsonValue } from "../../flows";
import type { SqlQuery } from "../db/sqlClient";
import type { LoadedFlowVersion } from "./flowVersionCache";
import { loadPolicies } from "./workspacePolicy";

/**
 * WHO and re-entry of a flow's start. `segment`: the named segment the start references, with its
 * expression from the workspace policy now (`audience` undefined when the workspace no longer defines it:
 * then the start admits nobody rather than everybody).
 */
export type StartRules = { audience?: string; segment?: { name: string; audience?: string }; reentry: string };

export async function startRules(query: SqlQuery, version: LoadedFlowVersion): Promise<StartRules> {
  const start = version.document.nodes.find((n) => n.type === "start");
  const data = (start?.data ?? {}) as { audience?: unknown; segment?: unknown; reentry?: unknown };
  const rules: StartRules = {
    ...(typeof data.audience === "string" && data.audience.trim() !== "" ? { audience: data.audience } : {}),
    reentry: typeof data.reentry === "string" ? data.reentry : "afterEnd",
  };
  if (typeof data.segment !== "string") return rules;
  const policy = (await loadPolicies(query, [version.workspaceId])).get(version.workspaceId);
  const defined = policy?.segments?.find((s) => s.name === data.segment);
  return { ...rules, segment: { name: data.segment, ...(defined ? { audience: defined.audience } : {}) } };
}

export function inAudience(rules: StartRules, customer: { [key: string]: JsonValue }): boolean {
  if (rules.segment !== undefined) {
    if (rules.segment.audience === undefined) return false;
    if (!expressionIsTrue(rules.segment.audience, { vars: {}, customer })) return false;
  }
  return rules.audience === undefined || expressionIsTrue(rules.audience, { vars: {}, customer });
}

type History = { lastRunId: string | null; lastRunAt: number | null; running: boolean; everRun: boolean };

/** Each customer's earlier triggered runs of this flow, and whether a journey of it is running: one query. */
const HISTORY = `
with ids as (select jsonb_array_elements_text($3::jsonb)::uuid as id)
select ids.id as customer_id, last.id as last_run_id, last.created_at as last_run_at,
  exists (select 1 from interactions i where i.workspace_id = $1 and i.flow_key = $2 and i.customer_id = ids.id
    and i.status in ('active', 'waiting') and i.test_clock is null) as running
from ids
  -- The latest run (its time is the latest time): one probe of trigger_runs_flow_customer_idx per customer.
  left join lateral (select r.id, r.created_at from trigger_runs r
    where r.workspace_id = $1 and r.flow_key = $2 and r.customer_id = ids.id and r.kind <> 'skipped'
    order by r.created_at desc, r.id desc limit 1) last on true`;

export async function startHistory(
  query: SqlQuery,
  version: LoadedFlowVersion,
  customerIds: readonly string[],
): Promise<Map<string, History>> {
  const found = new Map<string, History>();
  if (customerIds.length === 0) return found;
  const rows = await query<{
    customer_id: string;
    last_run_id: string | null;
    last_run_at: Date | string | null;
    running: boolean;
  }>(HISTORY, [version.workspaceId, version.flowKey, [...customerIds]]);
  for (const row of rows)
    found.set(row.customer_id, {
      lastRunId: row.last_run_id,
      lastRunAt: row.last_run_at === null ? null : new Date(row.last_run_at).getTime(),
      running: row.running,
      everRun: row.last_run_id !== null,
    });
  return found;
}

/** Whether `reentry` lets this customer start again now, given their history. */
export function mayReenter(reentry: string, history: History | undefined, now: number): boolean {
  if (reentry === "always") return true;
  if (!history || !history.everRun) return !history?.running;
  switch (reentry) {
    case "always":
      return true;
    case "never":
      return false;
    case "afterEnd":
      return !history.running;
    default: {
      const cooldown = parseIsoDuration(reentry);
      if (!cooldown || history.lastRunAt === null) return !history.running;
      return addIsoDuration(history.lastRunAt, cooldown) <= now;
    }
  }
}

/**
 * The occurrence key of an event start: the same for every process that handles the same event for
 * the same customer history, so the unique key admits one start. `always` with an event id keys on it
 * (a retried webhook carrying the same id starts nothing twice); without one, every event is new.
 */
export function eventOccurrence(
  reentry: string,
  event: string,
  history: History | undefined,
  eventId: string | undefined,
  uniqueId: () => string,
): string {
  if (reentry === "always") return `event:${event}:${eventId ?? uniqueId()}`;
  if (reentry === "never") return `event:${event}:once`;
  return `event:${event}:after:${history?.lastRunId ?? "none"}`;
}

/**
 * Records that an occurrence was evaluated for customers the audience or re-entry kept out (kind
 * `skipped`, no interaction), so the next minute's evaluation does not read them again.
 */
export async function recordSkipped(
  query: SqlQuery,
  version: LoadedFlowVersion,
  skipped: ReadonlyArray<{ id: string; occurrence: string }>,
): Promise<void> {
  if (skipped.length === 0) return;
  await query(
    `insert into trigger_runs (workspace_id, flow_key, kind, occurrence, customer_id)
     select $1, $2, 'skipped', s.occurrence, s.id from jsonb_to_recordset($3::jsonb) as s(id uuid, occurrence text)
     on conflict on constraint trigger_runs_once do nothing`,
    [version.workspaceId, version.flowKey, skipped.map((s) => ({ id: s.id, occurrence: s.occurrence }))],
  );
}

/**
 * Claims an event start for a customer: undefined when the audience does not hold, re-entry does not
 * allow it, or another process claimed the same occurrence first; else the trigger_runs row id.
 */
export async function claimEventStart(
  query: SqlQuery,
  version: LoadedFlowVersion,
  mode: "live" | "test",
  customer: { rowId: string; context: { [key: string]: JsonValue } },
  event: string,
): Promise<string | undefined> {
  const rules = await startRules(query, version);
  if (!inAudience(rules, customer.context)) return undefined;
  const history = (await startHistory(query, version, [customer.rowId])).get(customer.rowId);
  if (!mayReenter(rules.reentry, history, Date.now())) return undefined;
  const occurrence = `${mode === "test" ? "test:" : ""}${eventOccurrence(rules.reentry, event, history, undefined, () => crypto.randomUUID())}`;
  const rows = await query<{ id: string }>(
    `insert into trigger_runs (workspace_id, flow_key, kind, occurrence, customer_id) values ($1, $2, 'event', $3, $4)
     on conflict on constraint trigger_runs_once do nothing returning id`,
    [version.workspaceId, version.flowKey, occurrence, customer.rowId],
  );
  return rows[0]?.id;
}
