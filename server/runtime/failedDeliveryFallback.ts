// WHERE, after the fact (CONTRACT §7): when a provider reports a message `failed`, the message goes out
// again on the next channel of its route that reaches the customer. For the provider's delivery report
// (`POST /messages/{id}/status`) to call; one statement, idempotent (a second report adds nothing).
import "server-only";
import type { SqlQuery } from "../db/sqlClient";
import { channels, nextChannel, reachable, type JsonValue } from "../../flows";

const FAILED = `select o.id, o.workspace_id, o.interaction_id, o.customer_id, o.channel, o.kind, o.node, o.category, o.payload,
    c.consent, (select jsonb_object_agg(a.channel, a.address) from customer_addresses a where a.customer_id = c.id) as addresses
  from outbox o left join customers c on c.id = o.customer_id
  where o.id = $1 and o.status = 'failed'`;

const INSERT_RETRY = `insert into outbox (workspace_id, interaction_id, customer_id, channel, kind, node, category, address, payload, reason)
  select $2, $3, $4, $5, $6, $7, $8, $9, $10, 'FALLBACK_AFTER_FAILURE'
  where not exists (select 1 from outbox x where x.payload ->> 'fallbackOf' = $1::text)
  returning id`;

/** Queues the failed message `id` on its next channel; the new message's id, or undefined when there is none. */
export async function fallBackAfterFailure(query: SqlQuery, id: string): Promise<string | undefined> {
  const [row] = await query<{
    id: string;
    workspace_id: string;
    interaction_id: string | null;
    customer_id: string | null;
    channel: string;
    kind: string;
    node: string | null;
    category: string | null;
    payload: { [key: string]: JsonValue } | null;
    consent: { [key: string]: JsonValue } | null;
    addresses: { [key: string]: JsonValue } | null;
  }>(FAILED, [id]);
  if (!row || row.payload === null || typeof row.payload !== "object") return undefined;
  const route = Array.isArray(row.payload.fallback)
    ? row.payload.fallback.filter((c): c is string => typeof c === "string")
    : [];
  const customer = { consent: row.consent ?? {}, ...(row.addresses ? { addresses: row.addresses } : {}) };
  const candidates = route.filter(
    (c) => (channels as readonly string[]).includes(c) && reachable(customer, c as (typeof channels)[number]),
  );
  const next = nextChannel(candidates, [row.channel]);
  if (!next) return undefined;
  const address = row.addresses?.[next];
  const payload = {
    ...row.payload,
    channel: next,
    fallback: candidates.filter((c) => c !== next && c !== row.channel),
    fallbackOf: row.id,
  };
  const [created] = await query<{ id: string }>(INSERT_RETRY, [
    row.id,
    row.workspace_id,
    row.interaction_id,
    row.customer_id,
    next,
    row.kind,
    row.node,
    row.category,
    typeof address === "string" ? address : null,
    payload,
  ]);
  return created?.id;
}
