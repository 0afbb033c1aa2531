// A workspace's security settings (defaults when it has no row).
import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { workspaceSettings } from "../db/schema";
import { recordAudit, type AuditActor } from "../services/audit/recordAudit";

export type WorkspaceSecurity = { requireFourEyes: boolean; allowPrivateWebhookTargets: boolean };

/** Four eyes is opt-in: a single-person install must be able to approve and publish its own work. */
export const DEFAULT_WORKSPACE_SECURITY: WorkspaceSecurity = {
  requireFourEyes: false,
  allowPrivateWebhookTargets: false,
};

export async function getWorkspaceSecurity(db: Db, workspaceId: string): Promise<WorkspaceSecurity> {
  const [row] = await db
    .select({
      requireFourEyes: workspaceSettings.requireFourEyes,
      allowPrivateWebhookTargets: workspaceSettings.allowPrivateWebhookTargets,
    })
    .from(workspaceSettings)
    .where(eq(workspaceSettings.workspaceId, workspaceId));
  return row ?? DEFAULT_WORKSPACE_SECURITY;
}

export async function saveWorkspaceSecurity(tx: Db, workspaceId: string, next: WorkspaceSecurity): Promise<void> {
  await tx
    .insert(workspaceSettings)
    .values({ workspaceId, ...next })
    .onConflictDoUpdate({ target: workspaceSettings.workspaceId, set: { ...next, updatedAt: new Date() } });
}

/** Saves the settings and their audit row (before and after) in one transaction. */
export async function changeWorkspaceSecurity(
  db: Db,
  workspaceId: string,
  next: WorkspaceSecurity,
  options: { actor: AuditActor },
): Promise<WorkspaceSecurity> {
  await db.transaction(async (tx) => {
    const before = await getWorkspaceSecurity(tx, workspaceId);
    await saveWorkspaceSecurity(tx, workspaceId, next);
    await recordAudit(tx, {
      workspaceId,
      actor: options.actor,
      action: "workspace.securityChanged",
      subject: { type: "workspace", id: workspaceId },
      before,
      after: next,
    });
  });
  return next;
}
