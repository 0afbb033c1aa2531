// Messages (CONTRACT §5): an interaction's messages with their delivery state and attempts, and the
// delivery reports providers send back.
import "server-only";
import type { Caller, Engine } from "../runtime/engine";
import { isUuid } from "../runtime/interactionRow";
import { AppError } from "../errors/appError";
import { fallBackAfterFailure } from "../runtime/failedDeliveryFallback";

export type MessageView = {
  id: string;
  node: string | null;
  kind: "script" | "otp" | "survey";
  channel: string;
  address: string | null;
  script?: { key: string; version: number; variant: string };
  subject?: string;
  text: string | null;
  category?: string;
  status: "pending" | "sent" | "delivered" | "failed" | "skipped";
  reason?: string;
  /** Webhook attempts (`sent`/`failed`) and provider reports (`delivered`/`failed`), in order. */
  attempts: Array<{ at: string; status: string; error?: string }>;
  createdAt: string;
};

type MessageRow = {
  id: string;
  node: string | null;
  kind: MessageView["kind"];
  channel: string;
  address: string | null;
  script: { key: string; version: number; variant: string } | null;
  subject: string | null;
  text: string | null;
  category: string | null;
  status: MessageView["status"];
  reason: string | null;
  created_at: Date;
  attempts: Array<{ at: string; status: string | null; error: string | null }> | null;
};

const MESSAGES = `select o.id, o.node, o.kind, o.channel, o.address, o.script, o.subject, o.text, o.category, o.status, o.reason, o.created_at,
    (select jsonb_agg(jsonb_build_object('at', a.at, 'status', a.status, 'error', a.error) order by a.attempt)
      from outbox_attempts a where a.outbox_id = o.id) as attempts
  from outbox o where o.interaction_id = $1 and o.workspace_id = $2 and o.type = 'message.send'
  order by o.created_at, o.id`;

function messageView(row: MessageRow): MessageView {
  return {
    id: row.id,
    node: row.node,
    kind: row.kind,
    channel: row.channel,
    address: row.address,
    ...(row.script ? { script: row.script } : {}),
    ...(row.subject === null ? {} : { subject: row.subject }),
    text: row.text,
    ...(row.category === null ? {} : { category: row.category }),
    status: row.status,
    ...(row.reason === null ? {} : { reason: row.reason }),
    attempts: (row.attempts ?? []).map((a) => ({
      at: new Date(a.at).toISOString(),
      status: a.status ?? (a.error === null ? "sent" : "failed"),
      ...(a.error === null ? {} : { error: a.error }),
    })),
    createdAt: row.created_at.toISOString(),
  };
}

export async function listMessages(engine: Engine, caller: Caller, interactionId: string): Promise<MessageView[]> {
  const row = await engine.readRow(engine.sql.query, caller, interactionId);
  if (!row)
    throw new AppError("INTERACTION_NOT_FOUND", { detail: `No interaction ${interactionId} in this workspace.` });
  const rows = await engine.sql.query<MessageRow>(MESSAGES, [interactionId, caller.workspaceId]);
  return rows.map(messageView);
}

export type DeliveryReport = { status: "delivered" | "failed"; error?: string };

/**
 * A provider's report. `pending` or `sent` may become `delivered` or `failed`; the same report again
 * changes nothing (providers retry); anything else is 409 MESSAGE_STATUS_CONFLICT. A message of
 * another workspace is not found. A `failed` report queues the message again on its route's next channel.
 */
export async function reportMessageStatus(
  engine: Engine,
  caller: Caller,
  id: string,
  report: DeliveryReport,
): Promise<MessageView> {
  const notFound = new AppError("MESSAGE_NOT_FOUND", { detail: `No message ${id} in this workspace.` });
  if (!isUuid(id)) throw notFound;
  return engine.sql.transaction(async (query) => {
    const current = await query<{ status: string; interaction_id: string | null; attempts: number }>(
      "select status, interaction_id, attempts from outbox where id = $1 and workspace_id = $2 and type = 'message.send' for update",
      [id, caller.workspaceId],
    );
    const found = current[0];
    if (!found) throw notFound;
    if (found.status !== report.status) {
      if (found.status !== "pending" && found.status !== "sent")
        throw new AppError("MESSAGE_STATUS_CONFLICT", {
          detail: `Message ${id} is ${found.status}; only a pending or sent message takes a delivery report.`,
          extensions: { current: found.status },
        });
      await query(
        `insert into outbox_attempts (workspace_id, outbox_id, attempt, status, error)
          values ($1, $2, (select coalesce(max(attempt), 0) + 1 from outbox_attempts where outbox_id = $2), $3, $4)`,
        [caller.workspaceId, id, report.status, report.error ?? null],
      );
      await query(
        `update outbox set status = $2, reason = $3, delivered_at = case when $2 = 'delivered' then now() else delivered_at end,
          last_error = coalesce($4, last_error), updated_at = now() where id = $1`,
        [id, report.status, report.status === "failed" ? "PROVIDER_FAILED" : null, report.error ?? null],
      );
      // WHERE (CONTRACT §7): a message the provider could not deliver goes out on the next channel of its
      // route that reaches the customer, in the same transaction as the report.
      if (report.status === "failed") await fallBackAfterFailure(query, engine.scripts, id);
    }
    const rows = await query<MessageRow>(
      MESSAGES.replace(
        "where o.interaction_id = $1 and o.workspace_id = $2",
        "where o.id = $1 and o.workspace_id = $2",
      ),
      [id, caller.workspaceId],
    );
    const row = rows[0];
    if (!row) throw notFound;
    return messageView(row);
  });
}
