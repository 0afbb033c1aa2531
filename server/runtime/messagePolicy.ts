// Applies the workspace policy (caps, quiet hours: CONTRACT §7) to a batch of messages claimed for
// delivery. The same few statements per batch, whatever its size: the batch's policies, a lock on its
// customers, the customers, what went out to them within the longest cap window, and one write of the
// decisions. Held messages are deferred (next_attempt_at moved, spread, reason recorded), skipped, or
// moved to the next channel; the rest go out and are marked admitted. Transactional messages (OTP) are
// never held.
//
// Two workers (or processes) may claim two messages of one customer at the same moment. The decision
// holds a transaction-scoped advisory lock per customer, and a message it lets go out is marked
// `admitted_at` in the same transaction: the other worker, waiting on the lock, then counts it against
// the caps while it is still being POSTed (pending), as it counts the ones already sent.
import "server-only";
import {
  decideMessage,
  messageCategories,
  windowStart,
  type MessageCategory,
  type MessageDecision,
  type PolicyDocument,
  type SentMessage,
} from "../../flows/policy";
import { channels, reachable, type Channel, type JsonValue } from "../../flows";
import type { SqlClient, SqlQuery } from "../db/sqlClient";
import { loadPolicies } from "./workspacePolicy";
import { prepareRerender, type RerenderedMessage } from "./rerenderMessage";
import { createRuntimeScripts, type RuntimeScripts } from "./runtimeScripts";

/** The scripts a moved message is rendered from, when the caller passes none (approvals reach it within 2 s). */
const sharedScripts = createRuntimeScripts();

/** A claimed outbox row, as the policy needs it. */
export type PolicedMessage = {
  id: string;
  workspace_id: string;
  customer_id: string | null;
  channel: string;
  kind: string;
  category: string | null;
  node: string | null;
  payload: unknown;
  /** Decided oldest first (a batch comes back from the claim in no particular order). */
  created_at?: Date | string;
};

export type HeldMessage = {
  id: string;
  decision: Exclude<MessageDecision, { action: "send" }>;
  /** A message moved to another channel, rendered for it (null: it renders no script and moves as it is). */
  rendered?: RerenderedMessage | null;
};

type CustomerRow = {
  id: string;
  timezone: string | null;
  consent: { [channel: string]: JsonValue } | null;
  addresses: { [channel: string]: JsonValue } | null;
};

const CUSTOMERS = `select c.id, c.timezone, c.consent,
  (select jsonb_object_agg(a.channel, a.address) from customer_addresses a where a.customer_id = c.id) as addresses
  from customers c where c.id = any(array(select jsonb_array_elements_text($1::jsonb))::uuid[])`;

/**
 * What went out to these customers since $2, not the batch's own rows: sent or delivered, or admitted
 * by another worker's decision and still being delivered (pending).
 */
const HISTORY = `select customer_id, channel, ${categorySql("o")} as category, o.at
  from (select o.*, case when o.status = 'pending' then o.admitted_at else coalesce(o.delivered_at, o.updated_at) end as at
    from outbox o
    where o.customer_id = any(array(select jsonb_array_elements_text($1::jsonb))::uuid[])
      and (o.status in ('sent', 'delivered') or (o.status = 'pending' and o.admitted_at is not null))
      and not (o.id = any(array(select jsonb_array_elements_text($3::jsonb))::uuid[]))) o
  where o.at > $2`;

/** The advisory-lock class of the per-customer decision lock (the two-key form: apart from pg-boss's bigint keys). */
const ADVISORY_LOCK_CLASS = 1_307_001;

/** Serialises decisions per customer across connections and processes (released at commit). */
const LOCK_CUSTOMERS = `select count(pg_advisory_xact_lock(${ADVISORY_LOCK_CLASS}, k))::int as locked
  from (select distinct hashtext(c) as k from jsonb_array_elements_text($1::jsonb) c order by 1) s`;

/** The decisions: a held message deferred, skipped or moved (and no longer admitted); a sent one admitted at $2. */
const DECIDE = `update outbox o set
    status = coalesce(d.status, o.status), reason = case when d.send then o.reason else d.reason end,
    next_attempt_at = case when d.send then o.next_attempt_at else coalesce(d.until, now()) end,
    channel = coalesce(d.channel, o.channel),
    address = case when d.channel is null then o.address else (select a.address from customer_addresses a
      where a.customer_id = o.customer_id and a.channel = d.channel order by a.created_at limit 1) end,
    payload = case when d.channel is null then o.payload
      when d.rendered is null then jsonb_set(o.payload, '{channel}', to_jsonb(d.channel))
      else (o.payload - 'subject') || d.rendered || jsonb_build_object('channel', d.channel) end,
    script = case when d.rendered is null then o.script else d.rendered -> 'script' end,
    subject = case when d.rendered is null then o.subject else d.rendered ->> 'subject' end,
    text = case when d.rendered is null then o.text else d.rendered ->> 'text' end,
    attempts = case when d.send then o.attempts else greatest(o.attempts - 1, 0) end,
    admitted_at = case when d.send then $2::timestamptz end, updated_at = now()
  from jsonb_to_recordset($1::jsonb) as d(id uuid, send boolean, status text, reason text, until timestamptz, channel text, rendered jsonb)
  where o.id = d.id`;

/** A message's category: its column, else its payload's, else transactional for a one-time code, else service. */
function categorySql(alias: string): string {
  return `coalesce(${alias}.category, ${alias}.payload ->> 'category', case when ${alias}.kind = 'otp' then 'transactional' else 'service' end)`;
}

function categoryOf(row: PolicedMessage): MessageCategory {
  const payload = objectOf(row.payload);
  const named = row.category ?? (typeof payload.category === "string" ? payload.category : undefined);
  if (named && (messageCategories as readonly string[]).includes(named)) return named as MessageCategory;
  return row.kind === "otp" ? "transactional" : "service";
}

/** Messages to a customer the policy governs: scripts and surveys, not `interaction.*` event deliveries. */
function governed(row: PolicedMessage): boolean {
  const kind = objectOf(row.payload).kind;
  return row.customer_id !== null && (row.node !== null || kind === "message" || kind === "survey");
}

/** Decides every message of a batch (in order: earlier ones count against later ones) and holds the ones it must. */
export async function applyMessagePolicy(
  sql: SqlClient,
  rows: readonly PolicedMessage[],
  now: Date = new Date(),
  scripts: RuntimeScripts = sharedScripts,
): Promise<HeldMessage[]> {
  const candidates = rows
    .filter(governed)
    .sort((a, b) => time(a.created_at) - time(b.created_at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (candidates.length === 0) return [];
  const policies = await loadPolicies(
    sql.query,
    candidates.map((r) => r.workspace_id),
  );
  const active = candidates.filter((r) => {
    const policy = policies.get(r.workspace_id);
    return policy !== undefined && (policy.caps.length > 0 || policy.quietHours !== undefined);
  });
  if (active.length === 0) return [];
  return sql.transaction((query) => decideBatch(query, policies, active, rows, now, scripts));
}

async function decideBatch(
  query: SqlQuery,
  policies: Map<string, PolicyDocument>,
  active: readonly PolicedMessage[],
  rows: readonly PolicedMessage[],
  now: Date,
  scripts: RuntimeScripts,
): Promise<HeldMessage[]> {
  const customerIds = [...new Set(active.map((r) => r.customer_id as string))];
  const since = Math.min(
    ...active.map((r) => longestWindowStart(policies.get(r.workspace_id) as PolicyDocument, now.getTime())),
  );
  // Quiet hours alone do not depend on what other workers send: only caps need the lock.
  if (active.some((r) => (policies.get(r.workspace_id)?.caps.length ?? 0) > 0))
    await query(LOCK_CUSTOMERS, [customerIds]);
  const [customers, sent] = await Promise.all([
    query<CustomerRow>(CUSTOMERS, [customerIds]),
    query<{ customer_id: string; channel: string; category: string; at: Date | string }>(HISTORY, [
      customerIds,
      new Date(since),
      rows.map((r) => r.id),
    ]),
  ]);
  const customerById = new Map(customers.map((c) => [c.id, c]));
  const history = new Map<string, SentMessage[]>();
  for (const m of sent) {
    const list = history.get(m.customer_id) ?? [];
    list.push({ at: new Date(m.at).getTime(), channel: m.channel, category: m.category as MessageCategory });
    history.set(m.customer_id, list);
  }

  const decide = (row: PolicedMessage, speaks: (channel: Channel) => boolean = () => true): MessageDecision => {
    const customer = customerById.get(row.customer_id as string);
    const view: { [key: string]: JsonValue } = {
      consent: customer?.consent ?? {},
      ...(customer?.addresses ? { addresses: customer.addresses } : {}),
    };
    const fallback = arrayOf(objectOf(row.payload).fallback).filter((c): c is Channel =>
      (channels as readonly string[]).includes(c),
    );
    return decideMessage(
      policies.get(row.workspace_id) as PolicyDocument,
      { id: row.id, channel: row.channel, category: categoryOf(row), fallback },
      {
        timezone: customer?.timezone ?? null,
        reachable: (channel) => reachable(view, channel) && speaks(channel),
      },
      history.get(row.customer_id as string) ?? [],
      now.getTime(),
    );
  };

  const held: HeldMessage[] = [];
  const admitted: string[] = [];
  for (const row of active) {
    const customerId = row.customer_id as string;
    const decision = decide(row);
    if (decision.action === "send") {
      const list = history.get(customerId) ?? [];
      list.push({ at: now.getTime(), channel: row.channel, category: categoryOf(row) });
      history.set(customerId, list);
      // Only caps count what other workers admitted: without caps there is nothing to mark.
      if ((policies.get(row.workspace_id)?.caps.length ?? 0) > 0) admitted.push(row.id);
    } else held.push({ id: row.id, decision });
  }
  // A message moved to another channel says its script in that channel's words: decided again over the
  // channels its script has an approved variant for (a move changes no history, so nothing else moves).
  const moved = held.filter((h) => h.decision.action === "fallback");
  if (moved.length > 0) {
    const render = await prepareRerender(
      scripts,
      query,
      moved.map((h) => h.id),
    );
    const byId = new Map(active.map((r) => [r.id, r]));
    for (const h of moved) {
      const row = byId.get(h.id) as PolicedMessage;
      const decision = decide(row, (channel) => render(row.id, channel) !== undefined);
      if (decision.action === "send") continue; // cannot happen: the caps did not change
      h.decision = decision;
      if (decision.action === "fallback") h.rendered = render(row.id, decision.channel) ?? null;
    }
  }
  if (admitted.length === 0 && held.length === 0) return held;
  await query(DECIDE, [
    [
      ...admitted.map((id) => ({
        id,
        send: true,
        status: null,
        reason: null,
        until: null,
        channel: null,
        rendered: null,
      })),
      ...held.map((h) => ({
        id: h.id,
        send: false,
        status: h.decision.action === "skip" ? "skipped" : "pending",
        reason: h.decision.reason,
        until: h.decision.action === "defer" ? new Date(h.decision.until).toISOString() : null,
        channel: h.decision.action === "fallback" ? h.decision.channel : null,
        rendered: h.rendered ? h.rendered.payload : null,
      })),
    ],
    now,
  ]);
  return held;
}

function longestWindowStart(policy: PolicyDocument, now: number): number {
  return Math.min(now, ...policy.caps.map((cap) => windowStart(now, cap.per)));
}

function objectOf(value: unknown): { [key: string]: unknown } {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as { [key: string]: unknown })
    : {};
}

function arrayOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function time(value: Date | string | undefined): number {
  return value === undefined ? 0 : new Date(value).getTime();
}
