// Outbound messages written in the event's transaction, delivered afterwards.
import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, timestamptz, updatedAt, workspaceId } from "./columns";
import { customers } from "./customers";
import { interactions } from "./interactions";

/**
 * `pending` until delivered; `sent` once a webhook acknowledged it (a provider may later report
 * `delivered` or `failed`); `failed` or `skipped` with a `reason` when it cannot or may not go out.
 */
export type OutboxStatus = "pending" | "sent" | "delivered" | "failed" | "skipped";
/** What a message is: a script said at a node, a one-time code, or a survey. */
export type MessageKind = "script" | "otp" | "survey";

export const outbox = pgTable(
  "outbox",
  {
    id: id(),
    workspaceId: workspaceId(),
    interactionId: uuid("interaction_id").references(() => interactions.id, { onDelete: "cascade" }),
    /** Whom it goes to: caps count a customer's messages across every flow. */
    customerId: uuid("customer_id").references(() => customers.id, { onDelete: "set null" }),
    channel: text("channel").notNull(),
    payload: jsonb("payload").$type<unknown>().notNull(),
    kind: text("kind").$type<MessageKind>().notNull().default("script"),
    /** The node that sent it (null for deliveries that are not messages, such as `interaction.*` events). */
    node: text("node"),
    /** Where it goes on `channel`: phone number, e-mail address, openid… (null: the customer has none). */
    address: text("address"),
    /** The script it rendered: `{ key, version, variant }`. */
    script: jsonb("script").$type<{ key: string; version: number; variant: string }>(),
    subject: text("subject"),
    text: text("text"),
    /** `transactional` | `service` | `marketing` (CONTRACT §7): caps and quiet hours read it. */
    category: text("category"),
    status: text("status").$type<OutboxStatus>().notNull().default("pending"),
    /** Why it was skipped or failed, as a stable code (NO_WEBHOOK, NO_ADDRESS, NO_CONSENT, CAPPED, …). */
    reason: text("reason"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamptz("next_attempt_at").notNull().defaultNow(),
    deliveredAt: timestamptz("delivered_at"),
    lastError: text("last_error"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("outbox_status_check", sql`${t.status} in ('pending', 'sent', 'delivered', 'failed', 'skipped')`),
    check("outbox_kind_check", sql`${t.kind} in ('script', 'otp', 'survey')`),
    index("outbox_pending_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    index("outbox_interaction_idx").on(t.interactionId),
    index("outbox_customer_created_idx").on(t.customerId, t.createdAt),
  ],
);

export const outboxAttempts = pgTable(
  "outbox_attempts",
  {
    id: id(),
    workspaceId: workspaceId(),
    outboxId: uuid("outbox_id")
      .notNull()
      .references(() => outbox.id, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull(),
    at: timestamptz("at").notNull().defaultNow(),
    responseStatus: integer("response_status"),
    error: text("error"),
    durationMs: integer("duration_ms"),
  },
  (t) => [unique("outbox_attempts_outbox_attempt_unique").on(t.outboxId, t.attempt)],
);

/** Where a workspace's outbound messages for one channel are POSTed, signed with `secret`. */
export const webhooks = pgTable(
  "webhooks",
  {
    id: id(),
    workspaceId: workspaceId(),
    channel: text("channel").notNull(),
    url: text("url").notNull(),
    secret: text("secret").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique("webhooks_workspace_channel_unique").on(t.workspaceId, t.channel)],
);
