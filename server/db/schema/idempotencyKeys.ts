// Remembered answers to POSTs sent with an Idempotency-Key header.
import { integer, jsonb, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, timestamptz, workspaceId } from "./columns";

export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    id: id(),
    workspaceId: workspaceId(),
    key: text("key").notNull(),
    /** sha256 of method, path and body: the same key with another request is IDEMPOTENCY_KEY_REUSED. */
    requestHash: text("request_hash").notNull(),
    /** Null while the first request is still being answered. */
    responseStatus: integer("response_status"),
    responseBody: jsonb("response_body").$type<unknown>(),
    createdAt: createdAt(),
    completedAt: timestamptz("completed_at"),
    /** Who holds the claim: a fresh token per attempt, so that an attempt which lost it cannot apply. */
    owner: uuid("owner"),
    /**
     * Set in the same transaction as the engine's write (start, event): the request took effect even if
     * its answer was never stored (a crash in between), so a retry answers with that interaction.
     */
    appliedInteractionId: uuid("applied_interaction_id"),
    appliedAt: timestamptz("applied_at"),
  },
  (t) => [unique("idempotency_keys_workspace_key_unique").on(t.workspaceId, t.key)],
);
