// Many triggered starts of one flow version in one statement (the date and schedule triggers write a
// batch of customers at a time): each start's trigger_runs row, unique per (flow, occurrence,
// customer) with ON CONFLICT DO NOTHING, and only for the rows it claimed the interaction, its start
// event, path rows, timers, outbox rows and one-time codes — what writeStart writes for one.
import "server-only";
import type { SqlClient } from "../db/sqlClient";
import { codesInsert, ordered, outboxInsert, type StartWrite } from "./writeTransition";

/** A planned start (./startInteraction.ts planStart) and the occurrence it is the start of. */
export type TriggeredStart = { write: StartWrite; occurrence: string };

// $1 workspace, $2 flow key, $3 trigger kind, $4 flow version id, $5 version, $6 the starts as JSON.
const WRITE_STARTS = `
with x as materialized (
  select * from jsonb_to_recordset($6::jsonb) as x(id uuid, occurrence text, status text, channel text, customer_id uuid,
    snapshot jsonb, context jsonb, current_node text, outcome text, input jsonb, plan jsonb, path_length int)
), r as (
  insert into trigger_runs (workspace_id, flow_key, kind, occurrence, customer_id, interaction_id)
  select $1, $2, $3, x.occurrence, x.customer_id, x.id from x
  on conflict on constraint trigger_runs_once do nothing
  returning interaction_id
), i as (
  insert into interactions (id, workspace_id, flow_version_id, flow_key, version, status, channel, customer_id, snapshot, context,
    current_node, seq, outcome, test_clock, path_length, open_path)
  select x.id, $1, $4, $2, $5, x.status, x.channel, x.customer_id, x.snapshot, x.context, x.current_node, 0, x.outcome, null, x.path_length,
    x.plan -> 'openPath'
  from x join r on r.interaction_id = x.id
  returning id, workspace_id, customer_id, current_node
), ix as (
  select i.id, i.workspace_id, i.customer_id, i.current_node, x.input, x.plan, now() as at from i join x on x.id = i.id
), e as (
  insert into interaction_events (workspace_id, interaction_id, seq, type, data, from_node, to_node, at)
  select workspace_id, id, 0, 'interaction.started', input, null, current_node, at from ix
), pe as (
  insert into interaction_path (workspace_id, interaction_id, position, node, path, type, seq, entered_at, left_at, outlet, data)
  select ix.workspace_id, ix.id, p.ord, p.node, p.path, p.type, 0, ix.at, case when p.closed then ix.at end, p.outlet, p.data
  from ix, jsonb_to_recordset(ix.plan -> 'enter') as p(ord int, node text, path text, type text, closed boolean, outlet text, data jsonb)
), t as (
  insert into timers (workspace_id, interaction_id, timer_key, seq, due_at)
  select ix.workspace_id, ix.id, p.key, 0, p.due_at from ix, jsonb_to_recordset(ix.plan -> 'timers') as p(key text, due_at timestamptz)
), o as (${outboxInsert("ix", "ix.plan")}
), vc as (${codesInsert("ix", "ix.plan")}
)
select id from ix`;

/**
 * Writes the starts of one flow version that no other evaluation claimed first; returns the ids of the
 * interactions it started (the others' occurrences were already started, or are being started by
 * another process: the unique key waits for that one's transaction and then does nothing).
 */
export async function writeTriggeredStarts(
  sql: SqlClient,
  flow: { workspaceId: string; flowKey: string; flowVersionId: string; version: number },
  kind: string,
  starts: readonly TriggeredStart[],
): Promise<Set<string>> {
  if (starts.length === 0) return new Set();
  const params = [
    flow.workspaceId,
    flow.flowKey,
    kind,
    flow.flowVersionId,
    flow.version,
    starts.map(({ write: w, occurrence }) => ({
      id: w.id,
      occurrence,
      status: w.status,
      channel: w.channel,
      customer_id: w.customerId,
      snapshot: w.snapshot,
      context: w.context,
      current_node: w.currentNode,
      outcome: w.outcome,
      input: w.input,
      plan: ordered(w.plan),
      path_length: w.plan.enter.length,
    })),
  ];
  const rows = await sql.transaction(async (query) => {
    // The planner sizes each jsonb_to_recordset at 100 rows, so a batch's estimate passes jit_above_cost
    // and Postgres spent ~85 ms of a 400 ms write compiling it (EXPLAIN ANALYZE, 1,000 starts).
    if (sql.kind === "postgres") await query("set local jit = off");
    return query<{ id: string }>(WRITE_STARTS, params);
  });
  return new Set(rows.map((r) => r.id));
}
