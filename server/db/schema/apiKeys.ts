// API keys. Only a sha256 of the secret is stored; the key is shown once.
import { sql } from "drizzle-orm";
import { check, pgTable, text, unique } from "drizzle-orm/pg-core";
import { createdAt, id, timestamptz, workspaceId } from "./columns";

export type ApiKeyMode = "live" | "test";

export const apiKeys = pgTable(
  "api_keys",
  {
    id: id(),
    workspaceId: workspaceId(),
    name: text("name").notNull(),
    mode: text("mode").$type<ApiKeyMode>().notNull(),
    /** The visible start of the key (e.g. `js_test_ab12`), to tell keys apart in lists. */
    prefix: text("prefix").notNull(),
    /** Hex sha256 of the whole key. */
    hash: text("hash").notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamptz("last_used_at"),
    revokedAt: timestamptz("revoked_at"),
  },
  (t) => [unique("api_keys_hash_unique").on(t.hash), check("api_keys_mode_check", sql`${t.mode} in ('live', 'test')`)],
);
