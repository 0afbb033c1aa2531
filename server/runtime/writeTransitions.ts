// Many steps of different interactions in one statement (a timer sweep fires a batch at a time): what
// writeTransition writes for one, each guarded by its own seq. A step whose seq is stale writes nothing
// (every other part reads from `u`) and is missing from the answer.
import "server-only";
import type { SqlQuery } from "../db/sqlClient";
import { codesInsert, ordered, outboxInsert, type TransitionWrite } from "./writeTransition";

// $1: the steps as JSON (Batched). The leave range bounds each path close as in writeTransition.
const WRITE_TRANSITIONS = `
with x as materialized (
  select * from jsonb_to_recordset($1::jsonb) as x(id uuid, expected_seq int, snapshot jsonb, context jsonb,
    current_node text, status text, outcome text, test_clock timestamptz, type text, data jsonb, from_node text,
    plan jsonb, enter_count int, leave_from int, leave_to int)
), u as (
  update interactions i set snapshot = x.snapshot, context = x.context, current_node = x.current_node,
    status = x.status, outcome = x.outcome, seq = i.seq + 1, path_length = i.path_length + x.enter_count,
    open_path = x.plan -> 'openPath', test_clock = coalesce(x.test_clock, i.test_clock), updated_at = now(),
    channel = coalesce(x.plan ->> 'channel', i.channel)
  from x
  where i.id = x.id and i.seq = x.expected_seq
  returning i.id, i.workspace_id, i.customer_id, i.seq, i.updated_at, i.path_length - x.enter_count as path_base,
    coalesce(x.test_clock, now()) as at, x.plan, x.type, x.data, x.from_node, x.current_node as to_node,
    x.leave_from, x.leave_to
), e as (
  insert into interaction_events (workspace_id, interaction_id, seq, type, data, from_node, to_node, at)
  select workspace_id, id, seq, type, data, from_node, to_node, at from u
), pl as (
  update interaction_path p set left_at = u.at, outlet = l.outlet
  from u, jsonb_to_recordset(u.plan -> 'leave') as l(position int, outlet text)
  where p.interaction_id = u.id and p.position between u.leave_from and u.leave_to and p.position = l.position
), pe as (
  insert into interaction_path (workspace_id, interaction_id, position, node, path, type, seq, entered_at, left_at, outlet, data)
  select u.workspace_id, u.id, u.path_base + r.ord, r.node, r.path, r.type, u.seq, u.at,
    case when r.closed then u.at end, r.outlet, r.data
  from u, jsonb_to_recordset(u.plan -> 'enter') as r(ord int, node text, path text, type text, closed boolean, outlet text, data jsonb)
), c as (
  update timers tm set cancelled_at = now()
  from u
  where tm.interaction_id = u.id and tm.fired_at is null and tm.cancelled_at is null
    and tm.timer_key in (select jsonb_array_elements_text(u.plan -> 'cancel'))
), t as (
  insert into timers (workspace_id, interaction_id, timer_key, seq, due_at)
  select u.workspace_id, u.id, r.key, u.seq, r.due_at from u, jsonb_to_recordset(u.plan -> 'timers') as r(key text, due_at timestamptz)
), o as (${outboxInsert("u", "u.plan")}
), vc as (${codesInsert("u", "u.plan")}
)
select id, seq, updated_at from u`;

/**
 * Writes the steps (at most one per interaction); returns the new seq and time of each one written, by
 * interaction id. Keyed answers are not batched: a step with `answer` is refused.
 */
export async function writeTransitions(
  query: SqlQuery,
  writes: readonly TransitionWrite[],
): Promise<Map<string, { seq: number; updatedAt: Date }>> {
  const written = new Map<string, { seq: number; updatedAt: Date }>();
  if (writes.length === 0) return written;
  const steps = writes.map((w) => {
    if (w.answer) throw new Error("writeTransitions does not store keyed answers");
    const left = w.plan.leave.map((row) => row.position);
    return {
      id: w.interactionId,
      expected_seq: w.expectedSeq,
      snapshot: w.snapshot,
      context: w.context,
      current_node: w.currentNode,
      status: w.status,
      outcome: w.outcome,
      test_clock: w.testClock,
      type: w.event.type,
      data: w.event.data,
      from_node: w.event.fromNode,
      plan: ordered(w.plan),
      enter_count: w.plan.enter.length,
      leave_from: left.length === 0 ? null : Math.min(...left),
      leave_to: left.length === 0 ? null : Math.max(...left),
    };
  });
  const rows = await query<{ id: string; seq: number; updated_at: Date }>(WRITE_TRANSITIONS, [steps]);
  for (const row of rows) written.set(row.id, { seq: row.seq, updatedAt: row.updated_at });
  return written;
}
