// One statement writes a whole transition (the new snapshot, the event row, the path rows, timers and
// outbox rows), so an event costs one read and one write.
// The update is guarded by `seq = expected`; when another writer got there first it changes nothing
// (every other part of the statement reads from `u`) and the caller retries.
import "server-only";
import type { JsonValue } from "../../flows";
import type { StepRows } from "./planStepRows";
import type { SqlQuery } from "../db/sqlClient";

export type TransitionWrite = {
  interactionId: string;
  expectedSeq: number;
  snapshot: object;
  context: { [name: string]: JsonValue };
  currentNode: string | null;
  status: string;
  outcome: string | null;
  /** Test-mode interactions: the clock after this step (null: live, real time). */
  testClock: Date | null;
  event: { type: string; data: object | null; fromNode: string | null };
  plan: StepRows;
  /** An Idempotency-Key claimed, marked applied and answered by this same statement (KeyedAnswer). */
  answer?: KeyedAnswer;
};

/**
 * The key's row, written complete by the step's statement: claimed, applied and its answer stored. The
 * answer is the JSON text the client gets, `before` + the write's `updatedAt` (a JSON string) + `after`.
 * Only when no row holds the key yet: a key that exists (a replay, a request in flight) misses the guard
 * like a stale seq, and one inserted meanwhile fails the statement on the key's unique constraint
 * (rolling the step back): either way nothing is written and the caller claims the key the slow way.
 */
export type KeyedAnswer = {
  workspaceId: string;
  key: string;
  hash: string;
  owner: string;
  status: number;
  before: string;
  after: string;
};

/**
 * The step's webhook deliveries (PlannedOutboxRow): a message without an address gets the customer's
 * first on its channel (none: the delivery skips it, NO_ADDRESS).
 */
export function outboxInsert(from: "u" | "i" | "ix", plan = "$12"): string {
  return `
  insert into outbox (workspace_id, interaction_id, customer_id, channel, payload, type, kind, node, address, script,
    subject, text, category, status, reason, created_at)
  select ${from}.workspace_id, ${from}.id, ${from}.customer_id, x.channel, x.payload, x.type, x.kind, x.node,
    coalesce(x.address, case when x.type = 'message.send' then (select a.address from customer_addresses a
      where a.customer_id = ${from}.customer_id and a.channel = x.channel order by a.created_at, a.address limit 1) end),
    x.script, x.subject, x.text, x.category, coalesce(x.status, 'pending'), x.reason,
    -- Rows of one step keep their order (the messages list is by created_at): a microsecond apart.
    now() + x.ord * interval '1 microsecond'
  from ${from}, jsonb_to_recordset(${plan}::jsonb -> 'outbox') as x(channel text, payload jsonb, type text, kind text,
    node text, address text, script jsonb, subject text, text text, category text, status text, reason text, ord int)`;
}

/** A verify node's new one-time code: earlier open codes of the node are closed. */
export function codesInsert(from: "u" | "i" | "ix", plan = "$12"): string {
  return `
  insert into verification_codes (workspace_id, interaction_id, customer_id, path, code_hash, expires_at, max_attempts)
  select ${from}.workspace_id, ${from}.id, ${from}.customer_id, x.path, x.code_hash, x.expires_at, x.max_attempts
  from ${from}, jsonb_to_recordset(${plan}::jsonb -> 'codeRows') as x(path text, code_hash text, expires_at timestamptz, max_attempts int)
), vcc as (
  update verification_codes v set closed_at = now() from ${from}
  where v.interaction_id = ${from}.id and v.closed_at is null
    and v.path in (select x.path from jsonb_to_recordset(${plan}::jsonb -> 'codeRows') as x(path text))`;
}

/**
 * The update guarded by seq, the event row, and the path: the rows of the nodes the step entered
 * (positions after the interaction's `path_length`) and `left_at`/`outlet` on the open rows it left, by
 * primary key (their positions: `open_path`, which the step's rows carry as `openPath`). $12 is the step's
 * rows (StepRows) as JSON, $13 how many path rows it enters, $14 and $15 the first and last position it leaves.
 */
const transitionAndPath = (keyed: boolean) => `
with u as (
  update interactions set snapshot = $3, context = $4, current_node = $5, status = $6, outcome = $7, seq = seq + 1,
    path_length = path_length + $13, open_path = $12::jsonb -> 'openPath', test_clock = coalesce($8::timestamptz, test_clock), updated_at = now(),
    channel = coalesce($12::jsonb ->> 'channel', channel)
  where id = $1 and seq = $2${keyed ? " and not exists (select 1 from idempotency_keys where workspace_id = $16 and key = $17)" : ""}
  returning id, workspace_id, customer_id, seq, updated_at, path_length - $13 as path_base,
    coalesce($8::timestamptz, now()) as at,
    to_char(date_trunc('milliseconds', updated_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as updated_at_text
), ${keyed ? KEY_ANSWERED : ""}e as (
  insert into interaction_events (workspace_id, interaction_id, seq, type, data, from_node, to_node, at)
  select workspace_id, id, seq, $9, $10, $11, $5, at from u
), pl as (
  update interaction_path p set left_at = u.at,
    outlet = (select x.outlet from jsonb_to_recordset($12::jsonb -> 'leave') as x(position int, outlet text) where x.position = p.position)
  from u
  -- The range ($14, $15: the first and last position left) bounds the primary key's scan whatever plan
  -- is cached: joined with the recordset, or with "= any" alone, a generic plan may read every path
  -- row of the interaction.
  where p.interaction_id = u.id and p.position between $14 and $15
    and p.position = any (array(select x.position from jsonb_to_recordset($12::jsonb -> 'leave') as x(position int)))
), pe as (
  insert into interaction_path (workspace_id, interaction_id, position, node, path, type, seq, entered_at, left_at, outlet, data)
  select u.workspace_id, u.id, u.path_base + x.ord, x.node, x.path, x.type, u.seq, u.at,
    case when x.closed then u.at end, x.outlet, x.data
  from u, jsonb_to_recordset($12::jsonb -> 'enter') as x(ord int, node text, path text, type text, closed boolean, outlet text, data jsonb)
)`;

/** KeyedAnswer's row: $16 workspace, $17 key, $18 request hash, $19 owner, $20 status, $21 and $22 the answer. */
const KEY_ANSWERED = `k as (
  insert into idempotency_keys (workspace_id, key, request_hash, owner, applied_interaction_id, applied_at,
    response_status, response_body, completed_at)
  select $16, $17, $18, $19, u.id, now(), $20, jsonb_build_object('text', $21::text || '"' || u.updated_at_text || '"' || $22::text), now()
  from u
), `;

/** The whole step: the transition and its path, then timers cancelled and set, and outbox rows. */
const writeTransitionText = (keyed: boolean) => `${transitionAndPath(keyed)}, c as (
  update timers set cancelled_at = now()
  where interaction_id = $1 and fired_at is null and cancelled_at is null and exists (select 1 from u)
    and timer_key in (select jsonb_array_elements_text($12::jsonb -> 'cancel'))
), t as (
  insert into timers (workspace_id, interaction_id, timer_key, seq, due_at)
  select u.workspace_id, u.id, x.key, u.seq, x.due_at from u, jsonb_to_recordset($12::jsonb -> 'timers') as x(key text, due_at timestamptz)
), o as (${outboxInsert("u")}
), vc as (${codesInsert("u")}
)
select seq, updated_at, updated_at_text from u`;

/** Without timers or messages: the common case, a lighter plan. */
const plainTransitionText = (keyed: boolean) => `${transitionAndPath(keyed)}
select seq, updated_at, updated_at_text from u`;

const WRITE_TRANSITION = writeTransitionText(false);
const WRITE_TRANSITION_PLAIN = plainTransitionText(false);
const WRITE_TRANSITION_KEYED = writeTransitionText(true);
const WRITE_TRANSITION_PLAIN_KEYED = plainTransitionText(true);

/** The key's unique constraint (server/db/schema/idempotencyKeys.ts). */
const KEY_UNIQUE = "idempotency_keys_workspace_key_unique";

function isKeyTaken(error: unknown): boolean {
  const e = error as { code?: unknown; constraint?: unknown } | null;
  return typeof e === "object" && e !== null && e.code === "23505" && e.constraint === KEY_UNIQUE;
}

/** The step's rows with each outbox row's place in the step (`ord`), which orders their `created_at`. */
export function ordered(plan: StepRows): StepRows {
  return plan.outbox.length === 0 ? plan : { ...plan, outbox: plan.outbox.map((row, ord) => ({ ...row, ord })) };
}

/**
 * Writes the step; returns the new seq and time (`updatedAtText`: as the answer's JSON has it), or
 * undefined when `expectedSeq` was stale or (with `answer`) the key is taken.
 */
export async function writeTransition(
  query: SqlQuery,
  w: TransitionWrite,
): Promise<{ seq: number; updatedAt: Date; updatedAtText: string } | undefined> {
  const plain =
    w.plan.timers.length === 0 &&
    w.plan.cancel.length === 0 &&
    w.plan.outbox.length === 0 &&
    w.plan.codeRows.length === 0;
  const params: unknown[] = [
    w.interactionId,
    w.expectedSeq,
    w.snapshot,
    w.context,
    w.currentNode,
    w.status,
    w.outcome,
    w.testClock,
    w.event.type,
    w.event.data,
    w.event.fromNode,
  ];
  const left = w.plan.leave.map((row) => row.position);
  params.push(
    ordered(w.plan),
    w.plan.enter.length,
    left.length === 0 ? null : Math.min(...left),
    left.length === 0 ? null : Math.max(...left),
  );
  const a = w.answer;
  if (a) params.push(a.workspaceId, a.key, a.hash, a.owner, a.status, a.before, a.after);
  const text = a
    ? plain
      ? WRITE_TRANSITION_PLAIN_KEYED
      : WRITE_TRANSITION_KEYED
    : plain
      ? WRITE_TRANSITION_PLAIN
      : WRITE_TRANSITION;
  let rows: Array<{ seq: number; updated_at: Date; updated_at_text: string }>;
  try {
    rows = await query(text, params);
  } catch (error) {
    if (a && isKeyTaken(error)) return undefined;
    throw error;
  }
  const row = rows[0];
  return row ? { seq: row.seq, updatedAt: row.updated_at, updatedAtText: row.updated_at_text } : undefined;
}

const START = `
with i as (
  insert into interactions (id, workspace_id, flow_version_id, flow_key, version, status, channel, customer_id, snapshot, context,
    current_node, seq, outcome, test_clock, path_length, open_path)
  values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 0, $12, $13, $16, $15::jsonb -> 'openPath')
  returning id, workspace_id, customer_id, created_at, coalesce($13::timestamptz, now()) as at
), e as (
  insert into interaction_events (workspace_id, interaction_id, seq, type, data, from_node, to_node, at)
  select workspace_id, id, 0, 'interaction.started', $14, null, $11, at from i
), pe as (
  insert into interaction_path (workspace_id, interaction_id, position, node, path, type, seq, entered_at, left_at, outlet, data)
  select i.workspace_id, i.id, x.ord, x.node, x.path, x.type, 0, i.at, case when x.closed then i.at end, x.outlet, x.data
  from i, jsonb_to_recordset($15::jsonb -> 'enter') as x(ord int, node text, path text, type text, closed boolean, outlet text, data jsonb)
), t as (
  insert into timers (workspace_id, interaction_id, timer_key, seq, due_at)
  select i.workspace_id, i.id, x.key, 0, x.due_at from i, jsonb_to_recordset($15::jsonb -> 'timers') as x(key text, due_at timestamptz)
), o as (${outboxInsert("i", "$15")}
), vc as (${codesInsert("i", "$15")}
)
select created_at from i`;

export type StartWrite = {
  id: string;
  workspaceId: string;
  flowVersionId: string;
  flowKey: string;
  version: number;
  status: string;
  channel: string;
  customerId: string | null;
  snapshot: object;
  context: { [name: string]: JsonValue };
  currentNode: string | null;
  outcome: string | null;
  testClock: Date | null;
  /** What the flow was started with, so that replaying the log can start it again. */
  input: object;
  plan: StepRows;
};

export async function writeStart(query: SqlQuery, w: StartWrite): Promise<Date> {
  const rows = await query<{ created_at: Date }>(START, [
    w.id,
    w.workspaceId,
    w.flowVersionId,
    w.flowKey,
    w.version,
    w.status,
    w.channel,
    w.customerId,
    w.snapshot,
    w.context,
    w.currentNode,
    w.outcome,
    w.testClock,
    w.input,
    ordered(w.plan),
    w.plan.enter.length,
  ]);
  const row = rows[0];
  if (!row) throw new Error("insert into interactions returned no row");
  return row.created_at;
}
