// A workspace's webhook per channel (where the runtime's outbox POSTs), its signing
// secret (shown once, at creation and at rotation), and rotation keeping the previous secret valid for
// 24 h. Every change writes an audit row in the same transaction.
import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, gt } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client";
import { webhookPreviousSecrets, webhooks } from "../../db/schema";
import { getWorkspaceSecurity } from "../../auth/workspaceSecurity";
import { AppError } from "../../errors/appError";
import { recordAudit, type AuditActor } from "../audit/recordAudit";
import { checkWebhookTarget, type Resolver } from "./webhookTarget";

export const webhookChannels = ["voice", "sms", "wechat", "email", "chat", "app", "video", "social"] as const;
export const webhookChannelSchema = z.enum(webhookChannels);
export type WebhookChannel = z.infer<typeof webhookChannelSchema>;

export const PREVIOUS_SECRET_VALID_MS = 24 * 60 * 60 * 1000;

export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

/** What lists show of a secret: enough to tell two apart. */
function hint(secret: string): string {
  return `${secret.slice(0, 10)}…${secret.slice(-4)}`;
}

export type WebhookView = {
  id: string;
  channel: string;
  url: string;
  secretHint: string;
  previousSecretExpiresAt: string | null;
  updatedAt: string;
};

export async function listWebhooks(db: Db, workspaceId: string, now = new Date()): Promise<WebhookView[]> {
  const rows = await db.select().from(webhooks).where(eq(webhooks.workspaceId, workspaceId)).orderBy(webhooks.channel);
  const previous = await db
    .select({ webhookId: webhookPreviousSecrets.webhookId, expiresAt: webhookPreviousSecrets.expiresAt })
    .from(webhookPreviousSecrets)
    .where(and(eq(webhookPreviousSecrets.workspaceId, workspaceId), gt(webhookPreviousSecrets.expiresAt, now)));
  return rows.map((w) => {
    const expires = previous.filter((p) => p.webhookId === w.id).map((p) => p.expiresAt.getTime());
    return {
      id: w.id,
      channel: w.channel,
      url: w.url,
      secretHint: hint(w.secret),
      previousSecretExpiresAt: expires.length ? new Date(Math.max(...expires)).toISOString() : null,
      updatedAt: w.updatedAt.toISOString(),
    };
  });
}

type Options = { actor: AuditActor; resolve?: Resolver };

/**
 * Creates the channel's webhook (returning its new secret, once) or changes its URL (secret kept).
 * `secret`: set this one (created or changed) instead; `secretForNew`: the one a new webhook gets
 * (one secret for several channels). `allowPrivate`: an operator's (`journey webhook set
 * --allow-private`) leave for loopback and private targets, beyond the workspace's setting.
 */
export async function saveWebhook(
  db: Db,
  workspaceId: string,
  input: { channel: WebhookChannel; url: string; secret?: string; secretForNew?: string },
  options: Options & { allowPrivate?: boolean },
): Promise<{ id: string; secret: string | null }> {
  const security = await getWorkspaceSecurity(db, workspaceId);
  const url = await checkWebhookTarget(input.url, {
    allowPrivate: security.allowPrivateWebhookTargets || options.allowPrivate === true,
    resolve: options.resolve,
  });
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(webhooks)
      .where(and(eq(webhooks.workspaceId, workspaceId), eq(webhooks.channel, input.channel)))
      .for("update");
    if (existing) {
      const secret = input.secret;
      await tx
        .update(webhooks)
        .set({ url, ...(secret === undefined ? {} : { secret }), updatedAt: new Date() })
        .where(eq(webhooks.id, existing.id));
      await recordAudit(tx, {
        workspaceId,
        actor: options.actor,
        action: "webhook.updated",
        subject: { type: "webhook", id: existing.id, label: input.channel },
        before: { url: existing.url, ...(secret === undefined ? {} : { secret: hint(existing.secret) }) },
        after: { url, ...(secret === undefined ? {} : { secret: hint(secret) }) },
      });
      return { id: existing.id, secret: null };
    }
    const secret = input.secret ?? input.secretForNew ?? generateWebhookSecret();
    const [created] = await tx
      .insert(webhooks)
      .values({ workspaceId, channel: input.channel, url, secret })
      .returning({ id: webhooks.id });
    if (!created) throw new Error("insert into webhooks returned no row");
    await recordAudit(tx, {
      workspaceId,
      actor: options.actor,
      action: "webhook.created",
      subject: { type: "webhook", id: created.id, label: input.channel },
      after: { url, channel: input.channel },
    });
    return { id: created.id, secret };
  });
}

/** A new secret for signing from now on; the previous one stays valid for 24 h (the outbox signs with both meanwhile). */
export async function rotateWebhookSecret(
  db: Db,
  workspaceId: string,
  webhookId: string,
  options: Options & { now?: Date },
): Promise<{ secret: string; previousValidUntil: string }> {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(webhooks)
      .where(and(eq(webhooks.id, webhookId), eq(webhooks.workspaceId, workspaceId)))
      .for("update");
    if (!existing) throw new AppError("NOT_FOUND", { detail: "No such webhook in this workspace." });
    const secret = generateWebhookSecret();
    const previousValidUntil = new Date(now.getTime() + PREVIOUS_SECRET_VALID_MS);
    await tx
      .insert(webhookPreviousSecrets)
      .values({ webhookId, workspaceId, secret: existing.secret, expiresAt: previousValidUntil })
      .onConflictDoNothing();
    await tx.update(webhooks).set({ secret, updatedAt: now }).where(eq(webhooks.id, webhookId));
    await recordAudit(tx, {
      workspaceId,
      actor: options.actor,
      action: "webhook.secretRotated",
      subject: { type: "webhook", id: webhookId, label: existing.channel },
      before: { secret: hint(existing.secret) },
      after: { secret: hint(secret), previousValidUntil: previousValidUntil.toISOString() },
    });
    return { secret, previousValidUntil: previousValidUntil.toISOString() };
  });
}

export async function deleteWebhook(db: Db, workspaceId: string, webhookId: string, options: Options): Promise<void> {
  await db.transaction(async (tx) => {
    const [deleted] = await tx
      .delete(webhooks)
      .where(and(eq(webhooks.id, webhookId), eq(webhooks.workspaceId, workspaceId)))
      .returning();
    if (!deleted) throw new AppError("NOT_FOUND", { detail: "No such webhook in this workspace." });
    await recordAudit(tx, {
      workspaceId,
      actor: options.actor,
      action: "webhook.deleted",
      subject: { type: "webhook", id: webhookId, label: deleted.channel },
      before: { url: deleted.url },
    });
  });
}

/**
 * Every secret a delivery should be signed with right now: the current one first, then any previous one
 * still inside its 24 h. For the runtime's outbox: `X-Signature: t=…,v1=<current>,v1=<previous>`.
 */
export async function activeSigningSecrets(db: Db, webhookId: string, now = new Date()): Promise<string[]> {
  const [current] = await db.select({ secret: webhooks.secret }).from(webhooks).where(eq(webhooks.id, webhookId));
  if (!current) return [];
  const previous = await db
    .select({ secret: webhookPreviousSecrets.secret })
    .from(webhookPreviousSecrets)
    .where(and(eq(webhookPreviousSecrets.webhookId, webhookId), gt(webhookPreviousSecrets.expiresAt, now)));
  return [current.secret, ...previous.map((p) => p.secret)];
}
