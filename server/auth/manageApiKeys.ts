// The studio's side of API keys: list, create (the key is returned once, made by
// ./apiKeys.ts's generateApiKey), revoke. Each change writes its audit row (recordAudit) in the same
// transaction.
import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Database } from "../db/client";
import { apiKeys } from "../db/schema";
import { AppError } from "../errors/appError";
import { recordAudit, type AuditActor } from "../services/audit/recordAudit";
import { forgetCachedApiKeys, generateApiKey, type ApiKeyMode } from "./apiKeys";

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
  return database.db.transaction(async (tx) => {
    const generated = generateApiKey(input.mode);
    const [row] = await tx
      .insert(apiKeys)
      .values({ workspaceId, name: input.name, mode: input.mode, prefix: generated.prefix, hash: generated.hash })
      .returning({ id: apiKeys.id });
    if (!row) throw new Error("insert into api_keys returned no row");
    await recordAudit(tx, {
      workspaceId,
      actor: options.actor,
      action: "apiKey.created",
      subject: { type: "apiKey", id: row.id, label: input.name },
      after: { name: input.name, mode: input.mode, prefix: generated.prefix },
    });
    return { id: row.id, key: generated.key, prefix: generated.prefix, mode: input.mode };
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
