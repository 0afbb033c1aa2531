// A workspace's members and their roles (people join by invitation: ./invitations.ts). A workspace
// always keeps one admin. Every change writes an audit row.
import "server-only";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { folderGrants, memberships, sessions, users, type StudioRole } from "../../db/schema";
import { AppError } from "../../errors/appError";
import { recordAudit, type AuditActor } from "../audit/recordAudit";

export type MemberView = { userId: string; name: string; email: string; role: StudioRole; since: string };

export async function listMembers(db: Db, workspaceId: string): Promise<MemberView[]> {
  const rows = await db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      since: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(asc(users.email));
  return rows.map((r) => ({ ...r, since: r.since.toISOString() }));
}

export async function changeRole(
  db: Db,
  workspaceId: string,
  userId: string,
  role: StudioRole,
  options: { actor: AuditActor },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [current] = await tx
      .select({ role: memberships.role, email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
      .for("update", { of: memberships });
    if (!current) throw new AppError("NOT_FOUND", { detail: "No such member in this workspace." });
    if (current.role === role) return;
    if (current.role === "admin") await assertAnotherAdmin(tx, workspaceId, userId);
    await tx
      .update(memberships)
      .set({ role, updatedAt: new Date() })
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
    await recordAudit(tx, {
      workspaceId,
      actor: options.actor,
      action: "member.roleChanged",
      subject: { type: "member", id: userId, label: current.email },
      before: { role: current.role },
      after: { role },
    });
  });
}

/**
 * Removes the membership: from then on no request of that user reaches this workspace (every call
 * checks the membership; a tab still open on it is refused, not moved to another workspace), and their
 * folder grants there go (joining again starts unlimited). Their sessions end only when this was their
 * last workspace: they keep working in their others.
 */
export async function removeMember(
  db: Db,
  workspaceId: string,
  userId: string,
  options: { actor: AuditActor },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [current] = await tx
      .select({ role: memberships.role, email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
      .for("update", { of: memberships });
    if (!current) throw new AppError("NOT_FOUND", { detail: "No such member in this workspace." });
    if (current.role === "admin") await assertAnotherAdmin(tx, workspaceId, userId);
    await tx.delete(memberships).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
    await tx
      .delete(folderGrants)
      .where(and(eq(folderGrants.workspaceId, workspaceId), eq(folderGrants.userId, userId)));
    const [other] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(eq(memberships.userId, userId))
      .limit(1);
    if (!other) await tx.delete(sessions).where(eq(sessions.userId, userId));
    await recordAudit(tx, {
      workspaceId,
      actor: options.actor,
      action: "member.removed",
      subject: { type: "member", id: userId, label: current.email },
      before: { role: current.role },
    });
  });
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

async function assertAnotherAdmin(tx: Tx, workspaceId: string, userId: string): Promise<void> {
  // Lock the workspace's admin rows so two admins demoting each other at once cannot both succeed.
  const others = await tx
    .select({ n: sql<number>`1` })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "admin"), ne(memberships.userId, userId)))
    .for("update");
  if (others.length === 0) throw new AppError("LAST_ADMIN", { detail: "Make someone else an admin first." });
}
