// Delivers outbox rows to the workspace's webhook for their channel, signed with
// `X-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">`, retried with exponential back-off until a
// 2xx; every attempt is recorded in outbox_attempts.
import "server-only";
import { signatureHeader } from "./verifyWebhookSignature";
import type { SqlClient, SqlQuery } from "../db/sqlClient";
import type { WebhookEventType } from "../db/schema/outbox";
import { applyMessagePolicy } from "./messagePolicy";
import type { RuntimeScripts } from "./runtimeScripts";

export const MAX_DELIVERY_ATTEMPTS = 12;
/** Longer than a delivery can take (its timeout); a process that dies mid-delivery frees the row after it. */
const LEASE_SECONDS = 15;

/**
 * Claims due rows (the lease keeps other processes off them while we POST), each with the webhook it
 * goes to: the workspace's for its channel, else its `all` webhook (`interaction.*` rows are `all`'s).
 */
const CLAIM = `with c as (
  update outbox o set next_attempt_at = now() + make_interval(secs => ${LEASE_SECONDS}), attempts = o.attempts + 1, updated_at = now()
  where o.id in (
    select o2.id from outbox o2 where o2.status = 'pending' and o2.next_attempt_at <= now()
    order by o2.next_attempt_at limit $1 for update of o2 skip locked)
  returning o.id, o.workspace_id, o.interaction_id, o.customer_id, o.type, o.kind, o.node, o.channel, o.address,
    o.category, o.payload, o.attempts, o.created_at
)
select c.*, w.url, w.secret,
  case when w.id is null then null else
    array(select p.secret from webhook_previous_secrets p where p.webhook_id = w.id and p.expires_at > now()) end as previous_secrets
from c left join lateral (
  select w1.id, w1.url, w1.secret from webhooks w1
  where w1.workspace_id = c.workspace_id and w1.channel in (c.channel, 'all') order by (w1.channel = 'all') limit 1
) w on true`;

/** A claimed row, as the policy gate sees it. */
export type DeliveryCandidate = {
  id: string;
  workspaceId: string;
  interactionId: string | null;
  /** The customers row the message goes to (caps count across flows by it). */
  customerId: string | null;
  type: WebhookEventType;
  kind: string;
  channel: string;
  address: string | null;
  category: string | null;
  /** Whether the workspace has a webhook for the channel (or `all`). */
  hasWebhook: boolean;
  createdAt: Date;
};

/** Send now; skip for good with a reason code; or try again at `until` (quiet hours, a cap's window). */
export type DeliveryDecision =
  { action: "send" } | { action: "skip"; reason: string } | { action: "defer"; until: Date; reason: string };

/**
 * The policy gate, called for every claimed row before it is POSTed. Today: a row with no webhook for
 * its channel (nor `all`) is skipped NO_WEBHOOK, a message without an address NO_ADDRESS. The MOT
 * rules of CONTRACT §7 (consent, caps, quiet hours) decide here too: call them after these checks.
 */
export async function decideDelivery(candidate: DeliveryCandidate, query: SqlQuery): Promise<DeliveryDecision> {
  void query;
  if (!candidate.hasWebhook) return { action: "skip", reason: "NO_WEBHOOK" };
  if (candidate.type === "message.send" && candidate.address === null) return { action: "skip", reason: "NO_ADDRESS" };
  return { action: "send" };
}

/** What a row is delivered as: `{ id, type, created, data }` (CONTRACT §5). */
async function envelope(
  query: SqlQuery,
  row: ClaimedRow,
): Promise<{ id: string; type: string; created: string; data: { [key: string]: unknown } }> {
  const payload = typeof row.payload === "object" && row.payload !== null ? row.payload : { payload: row.payload };
  let data: { [key: string]: unknown } = payload;
  if (row.type === "message.send") {
    data = { ...payload, id: row.id, kind: row.kind, channel: row.channel, address: row.address };
    if (row.category !== null) data.category = row.category;
  } else if (row.type === "interaction.handoff" && row.interaction_id !== null) {
    // The path so far, through the handoff: the agent never asks the customer to repeat.
    const path = await query<{
      node: string;
      type: string;
      entered_at: Date;
      left_at: Date | null;
      outlet: string | null;
    }>(
      `select node, type, entered_at, left_at, outlet from interaction_path where interaction_id = $1
        and position <= coalesce((select max(position) from interaction_path where interaction_id = $1 and path = $2), 2147483647)
        order by position`,
      [row.interaction_id, typeof payload.path === "string" ? payload.path : ""],
    );
    data = {
      ...payload,
      path: path.map((p) => ({
        node: p.node,
        type: p.type,
        enteredAt: p.entered_at.toISOString(),
        ...(p.left_at ? { leftAt: p.left_at.toISOString() } : {}),
        ...(p.outlet === null ? {} : { outlet: p.outlet }),
      })),
    };
  }
  return { id: row.id, type: row.type, created: row.created_at.toISOString(), data };
}

type ClaimedRow = {
  id: string;
  workspace_id: string;
  interaction_id: string | null;
  customer_id: string | null;
  type: WebhookEventType;
  kind: string;
  node: string | null;
  channel: string;
  address: string | null;
  category: string | null;
  payload: { [key: string]: unknown } | null;
  attempts: number;
  created_at: Date;
  url: string | null;
  secret: string | null;
  previous_secrets: string[] | null;
};

/** A one-time code's text leaves the row once it went out or never will (the row keeps it masked). */
const SCRUB = "payload = case when kind = 'otp' then payload - 'text' - 'rendered' else payload end";

/** One `v1=` per secret (the current one first): during a rotation receivers may check either. */
export function signature(
  secret: string,
  timestamp: number,
  body: string,
  previousSecrets: readonly string[] = [],
): string {
  return signatureHeader([secret, ...previousSecrets], timestamp, body);
}

/** Seconds to wait after the n-th failed attempt: 2, 4, 8, … capped at an hour, with jitter. */
export function backoffSeconds(attempt: number): number {
  const base = Math.min(3600, 2 ** attempt);
  return base * (0.75 + Math.random() * 0.5);
}

export async function deliverOutbox(
  sql: SqlClient,
  options: {
    limit?: number;
    timeoutMs?: number;
    fetchImpl?: typeof fetch;
    /** The clock the workspace policy (caps, quiet hours) decides at; tests inject it. */
    now?: Date;
    /** The scripts a message the policy moves to another channel is rendered from (the engine's). */
    scripts?: RuntimeScripts;
  } = {},
): Promise<{ claimed: number; delivered: number; held: number }> {
  const doFetch = options.fetchImpl ?? fetch;
  const rows = await sql.query<ClaimedRow>(CLAIM, [options.limit ?? 50]);
  // The workspace policy (CONTRACT §7: caps, quiet hours, consent) decides the whole batch in a few
  // queries, for the messages that could go out; those it holds back it has deferred, skipped or moved.
  const deliverable = rows.filter((row) => row.url !== null && !(row.type === "message.send" && row.address === null));
  const held = new Set((await applyMessagePolicy(sql, deliverable, options.now, options.scripts)).map((h) => h.id));
  let delivered = 0;
  await Promise.all(
    rows.map(async (row) => {
      const decision = await decideDelivery(
        {
          id: row.id,
          workspaceId: row.workspace_id,
          interactionId: row.interaction_id,
          customerId: row.customer_id,
          type: row.type,
          kind: row.kind,
          channel: row.channel,
          address: row.address,
          category: row.category,
          hasWebhook: row.url !== null,
          createdAt: row.created_at,
        },
        sql.query,
      );
      if (decision.action === "skip") {
        await sql.query(
          `update outbox set status = 'skipped', reason = $2, attempts = attempts - 1, ${SCRUB}, updated_at = now() where id = $1`,
          [row.id, decision.reason],
        );
        return;
      }
      if (decision.action === "defer") {
        await sql.query(
          "update outbox set next_attempt_at = $2, reason = $3, attempts = attempts - 1, updated_at = now() where id = $1",
          [row.id, decision.until, decision.reason],
        );
        return;
      }
      if (row.url === null || row.secret === null || held.has(row.id)) return;
      const body = JSON.stringify(await envelope(sql.query, row));
      const timestamp = Math.floor(Date.now() / 1000);
      const started = Date.now();
      let status: number | null = null;
      let error: string | null = null;
      try {
        const response = await doFetch(row.url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-signature": signature(row.secret, timestamp, body, row.previous_secrets ?? []),
            "x-journey-delivery": row.id,
          },
          body,
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
        status = response.status;
        await response.body?.cancel().catch(() => undefined);
        if (status < 200 || status >= 300) error = `HTTP ${status}`;
      } catch (cause) {
        error = cause instanceof Error ? cause.message : String(cause);
      }
      const ok = error === null;
      if (ok) delivered++;
      await sql.transaction(async (query) => {
        await query(
          "insert into outbox_attempts (workspace_id, outbox_id, attempt, status, response_status, error, duration_ms) values ($1, $2, $3, $4, $5, $6, $7) on conflict do nothing",
          [row.workspace_id, row.id, row.attempts, ok ? "sent" : "failed", status, error, Date.now() - started],
        );
        // Acknowledged: `sent` (a provider may report `delivered` or `failed` later; messageStatus.ts).
        if (ok)
          await query(
            `update outbox set status = 'sent', reason = null, last_error = null, ${SCRUB}, updated_at = now() where id = $1 and status = 'pending'`,
            [row.id],
          );
        else if (row.attempts >= MAX_DELIVERY_ATTEMPTS)
          await query(
            `update outbox set status = 'failed', reason = 'WEBHOOK_FAILED', last_error = $2, ${SCRUB}, updated_at = now() where id = $1`,
            [row.id, error],
          );
        else
          await query(
            "update outbox set next_attempt_at = now() + make_interval(secs => $2), last_error = $3, updated_at = now() where id = $1",
            [row.id, backoffSeconds(row.attempts), error],
          );
      });
    }),
  );
  return { claimed: rows.length, delivered, held: held.size };
}
