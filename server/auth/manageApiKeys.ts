// Server-only module: the studio's side of API keys: list, create (the key is returned once, made by
// ./apiKeys.ts's createApiKey), revoke. Each change writes an audit row in the same transaction.
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Database } from "../db/client";
import { apiKeys } from "../db/schema";
import { AppError } from "../errors/appError";
import { recordAudit, type AuditActor } from "../services/audit/recordAudit";
import { sqlClientFor } from "../db/sqlClient";
import { createApiKey, forgetCachedApiKeys, type ApiKeyMode } from "./apiKeys";

export type ApiKeyView = {
  id: string;
  name: string;
  mode: ApiKeyMode;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

export async function listApiKeys(database: Database, workspaceId: string): Promise<ApiKeyView[]> {
  const rows = await database.db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.workspaceId, workspaceId))
    .orderBy(desc(apiKeys.createdAt));
  return rows.map((k) => ({
    id: k.id,
    name: k.name,
    mode: k.mode,
    prefix: k.prefix,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
  }));
}

export async function createWorkspaceApiKey(
  database: Database,
  workspaceId: string,
  input: { name: string; mode: ApiKeyMode },
  options: { actor: AuditActor },
) {
  return sqlClientFor(database).transaction(async (query) => {
    const created = await createApiKey(query, workspaceId, input.name, input.mode);
    await query(
      "insert into audit_log (workspace_id, actor_type, actor_id, actor_label, action, subject_type, subject_id, subject_label, after) values ($1, $2, $3, $4, 'apiKey.created', 'apiKey', $5, $6, $7)",
      [
        workspaceId,
        options.actor.type,
        options.actor.id ?? null,
        options.actor.label,
        created.id,
        input.name,
        { name: input.name, mode: input.mode, prefix: created.prefix },
      ],
    );
    return created;
  });
}

export async function revokeApiKey(
  database: Database,
  workspaceId: string,
  keyId: string,
  options: { actor: AuditActor },
): Promise<void> {
  await database.db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.id, keyId), eq(apiKeys.workspaceId, workspaceId), isNull(apiKeys.revokedAt)))
      .returning();
    if (!revoked) throw new AppError("NOT_FOUND", { detail: "No such active API key in this workspace." });
    await recordAudit(tx, {
      workspaceId,
      actor: options.actor,
      action: "apiKey.revoked",
      subject: { type: "apiKey", id: keyId, label: revoked.name },
      before: { prefix: revoked.prefix, mode: revoked.mode },
    });
  });
  // The studio and the API share this process: the revoked key stops working at once here (other
  // processes notice within JOURNEY_API_KEY_CACHE_MS).
  forgetCachedApiKeys();
}
