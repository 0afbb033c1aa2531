// Applies the workspace policy (caps, quiet hours: CONTRACT §7) to a batch of messages claimed for
// delivery. Three queries per batch, whatever its size: the batch's policies, its customers, and what
// went out to those customers within the longest cap window. Held messages are updated in one
// statement: deferred (next_attempt_at moved, spread, reason recorded), skipped, or moved to the next
// channel; the rest go out. Transactional messages (OTP) are never held.
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
import type { SqlQuery } from "../db/sqlClient";
import { loadPolicies } from "./workspacePolicy";

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

export type HeldMessage = { id: string; decision: Exclude<MessageDecision, { action: "send" }> };

type CustomerRow = {
  id: string;
  timezone: string | null;
  consent: { [channel: string]: JsonValue } | null;
  addresses: { [channel: string]: JsonValue } | null;
};

const CUSTOMERS = `select c.id, c.timezone, c.consent,
  (select jsonb_object_agg(a.channel, a.address) from customer_addresses a where a.customer_id = c.id) as addresses
  from customers c where c.id = any(array(select jsonb_array_elements_text($1::jsonb))::uuid[])`;

/** What went out to these customers since $2 (sent or delivered, not the batch's own rows). */
const HISTORY = `select customer_id, channel, ${categorySql("o")} as category, coalesce(o.delivered_at, o.updated_at) as at
  from outbox o
  where o.customer_id = any(array(select jsonb_array_elements_text($1::jsonb))::uuid[]) and o.status in ('sent', 'delivered')
    and coalesce(o.delivered_at, o.updated_at) > $2 and not (o.id = any(array(select jsonb_array_elements_text($3::jsonb))::uuid[]))`;

const HOLD = `update outbox o set
    status = d.status, reason = d.reason,
    next_attempt_at = coalesce(d.until, now()),
    channel = coalesce(d.channel, o.channel),
    address = case when d.channel is null then o.address else (select a.address from customer_addresses a
      where a.customer_id = o.customer_id and a.channel = d.channel order by a.created_at limit 1) end,
    payload = case when d.channel is null then o.payload else jsonb_set(o.payload, '{channel}', to_jsonb(d.channel)) end,
    attempts = greatest(o.attempts - 1, 0), updated_at = now()
  from jsonb_to_recordset($1::jsonb) as d(id uuid, status text, reason text, until timestamptz, channel text)
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
  query: SqlQuery,
  rows: readonly PolicedMessage[],
  now: Date = new Date(),
): Promise<HeldMessage[]> {
  const candidates = rows
    .filter(governed)
    .sort((a, b) => time(a.created_at) - time(b.created_at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (candidates.length === 0) return [];
  const policies = await loadPolicies(
    query,
    candidates.map((r) => r.workspace_id),
  );
  const active = candidates.filter((r) => {
    const policy = policies.get(r.workspace_id);
    return policy !== undefined && (policy.caps.length > 0 || policy.quietHours !== undefined);
  });
  if (active.length === 0) return [];
  const customerIds = [...new Set(active.map((r) => r.customer_id as string))];
  const since = Math.min(
    ...active.map((r) => longestWindowStart(policies.get(r.workspace_id) as PolicyDocument, now.getTime())),
  );
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

  const held: HeldMessage[] = [];
  for (const row of active) {
    const customerId = row.customer_id as string;
    const customer = customerById.get(customerId);
    const view: { [key: string]: JsonValue } = {
      consent: customer?.consent ?? {},
      ...(customer?.addresses ? { addresses: customer.addresses } : {}),
    };
    const category = categoryOf(row);
    const fallback = arrayOf(objectOf(row.payload).fallback).filter((c): c is Channel =>
      (channels as readonly string[]).includes(c),
    );
    const list = history.get(customerId) ?? [];
    const decision = decideMessage(
      policies.get(row.workspace_id) as PolicyDocument,
      { id: row.id, channel: row.channel, category, fallback },
      { timezone: customer?.timezone ?? null, reachable: (channel) => reachable(view, channel) },
      list,
      now.getTime(),
    );
    if (decision.action === "send") {
      list.push({ at: now.getTime(), channel: row.channel, category });
      history.set(customerId, list);
    } else held.push({ id: row.id, decision });
  }
  if (held.length > 0) {
    await query(HOLD, [
      held.map((h) => ({
        id: h.id,
        status: h.decision.action === "skip" ? "skipped" : "pending",
        reason: h.decision.reason,
        until: h.decision.action === "defer" ? new Date(h.decision.until).toISOString() : null,
        channel: h.decision.action === "fallback" ? h.decision.channel : null,
      })),
    ]);
  }
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
