// Outbound messages written in the event's transaction, delivered afterwards.
import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, timestamptz, updatedAt, workspaceId } from "./columns";
import { interactions } from "./interactions";

export type OutboxStatus = "pending" | "delivered" | "failed";

export const outbox = pgTable(
  "outbox",
  {
    id: id(),
    workspaceId: workspaceId(),
    interactionId: uuid("interaction_id").references(() => interactions.id, { onDelete: "cascade" }),
    channel: text("channel").notNull(),
    payload: jsonb("payload").$type<unknown>().notNull(),
    status: text("status").$type<OutboxStatus>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamptz("next_attempt_at").notNull().defaultNow(),
    deliveredAt: timestamptz("delivered_at"),
    lastError: text("last_error"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("outbox_status_check", sql`${t.status} in ('pending', 'delivered', 'failed')`),
    index("outbox_pending_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    index("outbox_interaction_idx").on(t.interactionId),
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
