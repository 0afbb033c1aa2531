// Appends one row to the audit log, inside the caller's transaction so the record
// and the change it describes commit together.
import "server-only";
import type { Db } from "../../db/client";
import { auditLog, type AuditActorType } from "../../db/schema";

export type AuditActor = { type: AuditActorType; id?: string | null; label: string };

export type AuditEntry = {
  workspaceId: string;
  actor: AuditActor;
  /** `<subject>.<verb>`: apiKey.created, webhook.secretRotated, member.roleChanged, flow.published… */
  action: string;
  subject: { type: string; id?: string | null; label?: string | null };
  before?: unknown;
  after?: unknown;
};

/** The audit actor for a signed-in member. */
export function memberActor(session: { user: { id: string; name: string; email?: string } }): AuditActor {
  return {
    type: "user",
    id: session.user.id,
    label: session.user.email ? `${session.user.name} <${session.user.email}>` : session.user.name,
  };
}

/** `db`: the services' one database handle (a drizzle `Db`: the database or, as here usually, an open transaction). */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    workspaceId: entry.workspaceId,
    actorType: entry.actor.type,
    actorId: entry.actor.id ?? null,
    actorLabel: entry.actor.label,
    action: entry.action,
    subjectType: entry.subject.type,
    subjectId: entry.subject.id ?? null,
    subjectLabel: entry.subject.label ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
