// WHERE, after the fact (CONTRACT §7): when a provider reports a message `failed`, the message goes out
// again on the next channel of its route that reaches the customer, its script rendered again for that
// channel (./rerenderMessage.ts). A channel its script has no approved variant for is passed over; when
// no channel of the route is left, the fallback is recorded `skipped` with reason NO_VARIANT. For the
// provider's delivery report (`POST /messages/{id}/status`) to call; idempotent (a second report adds nothing).
import "server-only";
import type { SqlQuery } from "../db/sqlClient";
import { channels, nextChannel, reachable, type JsonValue } from "../../flows";
import { prepareRerender } from "./rerenderMessage";
import type { RuntimeScripts } from "./runtimeScripts";

const FAILED = `select o.id, o.workspace_id, o.interaction_id, o.customer_id, o.channel, o.kind, o.node, o.category, o.payload,
    o.script, o.subject, o.text,
    c.consent, (select jsonb_object_agg(a.channel, a.address) from customer_addresses a where a.customer_id = c.id) as addresses
  from outbox o left join customers c on c.id = o.customer_id
  where o.id = $1 and o.status = 'failed'`;

const INSERT_RETRY = `insert into outbox (workspace_id, interaction_id, customer_id, channel, kind, node, category, address, payload,
    script, subject, text, status, reason)
  select $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15
  where not exists (select 1 from outbox x where x.payload ->> 'fallbackOf' = $1::text)
  returning id`;

/**
 * Queues the failed message `id` on its next channel; the new message's id (a `skipped` one when its
 * script renders on no channel left), or undefined when no channel of its route reaches the customer.
 */
export async function fallBackAfterFailure(
  query: SqlQuery,
  scripts: RuntimeScripts,
  id: string,
): Promise<string | undefined> {
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
    script: { [key: string]: JsonValue } | null;
    subject: string | null;
    text: string | null;
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
  const first = nextChannel(candidates, [row.channel]);
  if (!first) return undefined;
  const render = await prepareRerender(scripts, query, [row.id]);
  // The first reachable channel, after the failed one, that its script speaks (or any: no script).
  const tried = [row.channel];
  let next: string | undefined = first;
  let rendered = render(row.id, first);
  while (rendered === undefined) {
    tried.push(next);
    next = nextChannel(candidates, tried);
    if (!next) break;
    rendered = render(row.id, next);
  }
  const channel = next ?? first;
  const address = row.addresses?.[channel];
  const { subject: _subject, text: _text, rendered: _rendered, script: _script, ...rest } = row.payload;
  const payload = {
    ...(rendered === null ? row.payload : rest),
    ...(rendered ? rendered.payload : {}),
    channel,
    fallback: candidates.filter((c) => c !== channel && c !== row.channel),
    fallbackOf: row.id,
  };
  const [created] = await query<{ id: string }>(INSERT_RETRY, [
    row.id,
    row.workspace_id,
    row.interaction_id,
    row.customer_id,
    channel,
    row.kind,
    row.node,
    row.category,
    typeof address === "string" ? address : null,
    payload,
    rendered === null ? row.script : (rendered?.script ?? null),
    rendered === null ? row.subject : (rendered?.subject ?? null),
    rendered === null ? row.text : (rendered?.text ?? null),
    rendered === undefined ? "skipped" : "pending",
    rendered === undefined ? "NO_VARIANT" : "FALLBACK_AFTER_FAILURE",
  ]);
  return created?.id;
}
