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
/** The webhook event a row delivers (CONTRACT §5); only `message.send` rows are messages. */
export const webhookEventTypes = [
  "message.send",
  "verification.requested",
  "interaction.handoff",
  "interaction.completed",
  "interaction.failed",
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

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
    /** The webhook event it is delivered as: `{ id, type, created, data: payload }`. */
    type: text("type").$type<WebhookEventType>().notNull().default("message.send"),
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
    /** `interaction.completed`/`failed`: when the customer event started the flows it triggers (exactly once). */
    dispatchedAt: timestamptz("dispatched_at"),
    lastError: text("last_error"),
    /**
     * When the messaging policy let it go out (CONTRACT §7): while it is still pending (being POSTed,
     * or retried), other workers' cap decisions count it from then on. Cleared when the policy holds it.
     */
    admittedAt: timestamptz("admitted_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("outbox_status_check", sql`${t.status} in ('pending', 'sent', 'delivered', 'failed', 'skipped')`),
    check("outbox_kind_check", sql`${t.kind} in ('script', 'otp', 'survey')`),
    check(
      "outbox_type_check",
      sql`${t.type} in ('message.send', 'verification.requested', 'interaction.handoff', 'interaction.completed', 'interaction.failed')`,
    ),
    index("outbox_pending_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    index("outbox_interaction_idx").on(t.interactionId),
    index("outbox_undispatched_idx")
      .on(t.createdAt)
      .where(sql`${t.type} in ('interaction.completed', 'interaction.failed') and ${t.dispatchedAt} is null`),
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
    /** `sent` or `failed` for a webhook attempt; `delivered` or `failed` for a provider's report. */
    status: text("status"),
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

/**
 * One-time codes sent at a verify node (CONTRACT §4): only a hash of the code is kept, with its expiry
 * and the wrong attempts counted; one live code per interaction and node path.
 */
export const verificationCodes = pgTable(
  "verification_codes",
  {
    id: id(),
    workspaceId: workspaceId(),
    interactionId: uuid("interaction_id")
      .notNull()
      .references(() => interactions.id, { onDelete: "cascade" }),
    customerId: uuid("customer_id").references(() => customers.id, { onDelete: "cascade" }),
    /** The verify node's path in the machine. */
    path: text("path").notNull(),
    /** HMAC-SHA256 of the code with a per-code salt: `salt:hex`. */
    codeHash: text("code_hash").notNull(),
    expiresAt: timestamptz("expires_at").notNull(),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull(),
    /** When it was used up: right, too many wrong, or replaced by a new code. */
    closedAt: timestamptz("closed_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("verification_codes_interaction_idx").on(t.interactionId, t.path),
    index("verification_codes_customer_created_idx").on(t.customerId, t.createdAt),
  ],
);
