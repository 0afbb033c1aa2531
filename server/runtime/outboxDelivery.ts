// Delivers outbox rows to the workspace's webhook for their channel, signed with
// `X-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">`, retried with exponential back-off until a
// 2xx; every attempt is recorded in outbox_attempts.
import "server-only";
import { signatureHeader } from "./verifyWebhookSignature";
import type { SqlClient } from "../db/sqlClient";
import { applyMessagePolicy, type PolicedMessage } from "./messagePolicy";

export const MAX_DELIVERY_ATTEMPTS = 12;
/** Longer than a delivery can take (its timeout); a process that dies mid-delivery frees the row after it. */
const LEASE_SECONDS = 15;

/** Claims due rows (the lease keeps other processes off them while we POST). */
const CLAIM = `update outbox o set next_attempt_at = now() + make_interval(secs => ${LEASE_SECONDS}), attempts = o.attempts + 1, updated_at = now()
  from webhooks w
  where o.id in (
    select o2.id from outbox o2 join webhooks w2 on w2.workspace_id = o2.workspace_id and w2.channel = o2.channel
    where o2.status = 'pending' and o2.next_attempt_at <= now() order by o2.next_attempt_at limit $1 for update of o2 skip locked)
    and w.workspace_id = o.workspace_id and w.channel = o.channel
  returning o.id, o.workspace_id, o.payload, o.attempts, w.url, w.secret, o.customer_id, o.channel, o.kind, o.category, o.node, o.created_at,
    array(select p.secret from webhook_previous_secrets p where p.webhook_id = w.id and p.expires_at > now()) as previous_secrets`;

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
  } = {},
): Promise<{ claimed: number; delivered: number; held: number }> {
  const doFetch = options.fetchImpl ?? fetch;
  const claimed = await sql.query<
    PolicedMessage & { attempts: number; url: string; secret: string; previous_secrets: string[] | null }
  >(CLAIM, [options.limit ?? 50]);
  // The workspace policy holds some back (deferred, skipped, moved to another channel): not sent now.
  const held = new Set((await applyMessagePolicy(sql.query, claimed, options.now)).map((h) => h.id));
  const rows = claimed.filter((row) => !held.has(row.id));
  let delivered = 0;
  await Promise.all(
    rows.map(async (row) => {
      const body = JSON.stringify({
        id: row.id,
        ...(typeof row.payload === "object" && row.payload !== null ? row.payload : { payload: row.payload }),
      });
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
          "insert into outbox_attempts (workspace_id, outbox_id, attempt, response_status, error, duration_ms) values ($1, $2, $3, $4, $5, $6) on conflict do nothing",
          [row.workspace_id, row.id, row.attempts, status, error, Date.now() - started],
        );
        if (ok)
          await query(
            "update outbox set status = 'delivered', delivered_at = now(), last_error = null, updated_at = now() where id = $1",
            [row.id],
          );
        else if (row.attempts >= MAX_DELIVERY_ATTEMPTS)
          await query("update outbox set status = 'failed', last_error = $2, updated_at = now() where id = $1", [
            row.id,
            error,
          ]);
        else
          await query(
            "update outbox set next_attempt_at = now() + make_interval(secs => $2), last_error = $3, updated_at = now() where id = $1",
            [row.id, backoffSeconds(row.attempts), error],
          );
      });
    }),
  );
  return { claimed: claimed.length, delivered, held: held.size };
}
