// Invitations join a user to a workspace without telling the inviting admin whether that e-mail has an
// account anywhere: inviting never looks the user up (the one check is "already a member HERE", which
// the admin's member list shows anyway), so the answer, its shape and the statements run are the same
// for a known and an unknown e-mail. The admin passes on the link (shown once); its token is single-use,
// expires, and is stored only as its SHA-256 hash. Whoever opens it joins only that workspace: an
// existing user by signing in, a new one by choosing a password. Every step is audited.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { memberships, users, workspaceInvitations, workspaces, type StudioRole } from "../../db/schema";
import { insertPasswordUser } from "../../auth/insertPasswordUser";
import { hashPassword } from "../../auth/password";
import { AppError } from "../../errors/appError";
import { env } from "../../env";
import { recordAudit, type AuditActor } from "../audit/recordAudit";

/** How long an invitation link works by default (JOURNEY_INVITATION_TTL_MS sets it). */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export type InvitationView = {
  id: string;
  email: string;
  role: StudioRole;
  createdAt: string;
  expiresAt: string;
  expired: boolean;
  /** `pending`: the link still works; `expired`: it does not, and the invitation waits to be removed or sent again. */
  status: "pending" | "expired";
};

/** `token`: the secret of the link (`/invite/TOKEN`), returned this once. */
export type CreatedInvitation = InvitationView & { token: string };

/** What the holder of a link is shown. `hasAccount`: whether to sign in or choose a password. */
export type InvitationDetails = {
  workspaceName: string;
  email: string;
  role: StudioRole;
  expiresAt: string;
  hasAccount: boolean;
};

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
const normalise = (email: string) => email.trim().toLowerCase();

type Row = typeof workspaceInvitations.$inferSelect;

function view(row: Row, now: Date): InvitationView {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    expired: row.expiresAt <= now,
    status: row.expiresAt <= now ? "expired" : "pending",
  };
}

export async function inviteMember(
  db: Db,
  workspaceId: string,
  input: { email: string; role: StudioRole },
  options: { actor: AuditActor; now?: Date; ttlMs?: number },
): Promise<CreatedInvitation> {
  const email = normalise(input.email);
  const now = options.now ?? new Date();
  const token = randomBytes(32).toString("base64url");
  return db.transaction(async (tx) => {
    const [member] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, workspaceId), eq(users.email, email)));
    if (member) throw new AppError("CONFLICT", { detail: `${email} is already a member of this workspace.` });
    // Inviting again replaces the open invitation: its link stops working.
    const replaced = await tx
      .update(workspaceInvitations)
      .set({ revokedAt: now })
      .where(and(...open(workspaceId), eq(workspaceInvitations.email, email)))
      .returning({ id: workspaceInvitations.id });
    const [row] = await tx
      .insert(workspaceInvitations)
      .values({
        workspaceId,
        email,
        role: input.role,
        tokenHash: hashToken(token),
        invitedBy: options.actor.type === "user" ? (options.actor.id ?? null) : null,
        createdAt: now,
        expiresAt: new Date(now.getTime() + (options.ttlMs ?? env().JOURNEY_INVITATION_TTL_MS)),
      })
      .returning();
    if (!row) throw new AppError("INTERNAL");
    await recordAudit(tx, {
      workspaceId,
      actor: options.actor,
      action: "member.invited",
      subject: { type: "invitation", id: row.id, label: email },
      after: { role: row.role, expiresAt: row.expiresAt.toISOString(), replaced: replaced.map((r) => r.id) },
    });
    return { ...view(row, now), token };
  });
}

/**
 * The workspace's open invitations (neither accepted nor revoked), newest first: the pending ones, then
 * the expired ones (`status`), which no longer let anyone join and wait to be removed or sent again.
 */
export async function listInvitations(db: Db, workspaceId: string, now = new Date()): Promise<InvitationView[]> {
  const rows = await db
    .select()
    .from(workspaceInvitations)
    .where(and(...open(workspaceId)))
    .orderBy(desc(workspaceInvitations.createdAt));
  const views = rows.map((row) => view(row, now));
  return [...views.filter((v) => v.status === "pending"), ...views.filter((v) => v.status === "expired")];
}

export async function revokeInvitation(
  db: Db,
  workspaceId: string,
  id: string,
  options: { actor: AuditActor; now?: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(workspaceInvitations)
      .set({ revokedAt: options.now ?? new Date() })
      .where(and(...open(workspaceId), eq(workspaceInvitations.id, id)))
      .returning({ email: workspaceInvitations.email, role: workspaceInvitations.role });
    if (!revoked) throw new AppError("NOT_FOUND", { detail: "No open invitation with this id in this workspace." });
    await recordAudit(tx, {
      workspaceId,
      actor: options.actor,
      action: "member.invitationRevoked",
      subject: { type: "invitation", id, label: revoked.email },
      before: { role: revoked.role },
    });
  });
}

/** What the link's page shows; INVITATION_INVALID for a link unknown, used, revoked or expired. */
export async function describeInvitation(db: Db, token: string, now = new Date()): Promise<InvitationDetails> {
  const found = await usableInvitation(db, token, now, false);
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, found.row.email));
  return {
    workspaceName: found.workspaceName,
    email: found.row.email,
    role: found.row.role,
    expiresAt: found.row.expiresAt.toISOString(),
    hasAccount: user !== undefined,
  };
}

/** A signed-in user accepts: they must be the invited e-mail. Joins that one workspace; the link is used up. */
export async function acceptInvitation(
  db: Db,
  token: string,
  user: { id: string; email: string; name: string },
  now = new Date(),
): Promise<{ workspaceId: string }> {
  return db.transaction(async (tx) => {
    const found = await usableInvitation(tx, token, now, true);
    if (found.row.email !== normalise(user.email))
      throw new AppError("INVITATION_FOR_ANOTHER_USER", {
        detail: `This invitation is for ${found.row.email}; you are signed in as ${user.email}.`,
      });
    await join(tx, found.row, user.id, { type: "user", id: user.id, label: `${user.name} <${user.email}>` }, now);
    return { workspaceId: found.row.workspaceId };
  });
}

/**
 * Someone without an account accepts: makes the user with this name and password, joins the workspace.
 * INVITATION_NEEDS_SIGN_IN when the e-mail has an account (sign in and `acceptInvitation` instead).
 */
export async function acceptInvitationAsNewUser(
  db: Db,
  token: string,
  input: { name: string; password: string },
  now = new Date(),
): Promise<{ workspaceId: string; email: string }> {
  // Check the link before the (slow) password hash, so an invalid link costs nothing.
  const details = await describeInvitation(db, token, now);
  if (details.hasAccount) throw new AppError("INVITATION_NEEDS_SIGN_IN");
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const found = await usableInvitation(tx, token, now, true);
    const name = input.name.trim() || found.row.email;
    const user = await insertPasswordUser(tx, { email: found.row.email, name, passwordHash });
    if (!user) throw new AppError("INVITATION_NEEDS_SIGN_IN");
    await join(tx, found.row, user.id, { type: "user", id: user.id, label: `${name} <${found.row.email}>` }, now);
    return { workspaceId: found.row.workspaceId, email: found.row.email };
  });
}

function open(workspaceId: string) {
  return [
    eq(workspaceInvitations.workspaceId, workspaceId),
    isNull(workspaceInvitations.acceptedAt),
    isNull(workspaceInvitations.revokedAt),
  ];
}

/** The invitation this token opens, if it can still be accepted (`lock`: held until the transaction ends). */
async function usableInvitation(
  db: Db,
  token: string,
  now: Date,
  lock: boolean,
): Promise<{ row: Row; workspaceName: string }> {
  const query = db
    .select({ row: workspaceInvitations, workspaceName: workspaces.name, archivedAt: workspaces.archivedAt })
    .from(workspaceInvitations)
    .innerJoin(workspaces, eq(workspaces.id, workspaceInvitations.workspaceId))
    .where(eq(workspaceInvitations.tokenHash, hashToken(token)));
  const [found] = lock ? await query.for("update", { of: workspaceInvitations }) : await query;
  if (
    !found ||
    found.row.acceptedAt !== null ||
    found.row.revokedAt !== null ||
    found.row.expiresAt <= now ||
    found.archivedAt !== null
  )
    throw new AppError("INVITATION_INVALID");
  return found;
}

async function join(tx: Db, invitation: Row, userId: string, actor: AuditActor, now: Date): Promise<void> {
  await tx
    .update(workspaceInvitations)
    .set({ acceptedAt: now, acceptedBy: userId })
    .where(eq(workspaceInvitations.id, invitation.id));
  // Already a member (joined meanwhile): the link is used up, the role they have stays.
  const [added] = await tx
    .insert(memberships)
    .values({ workspaceId: invitation.workspaceId, userId, role: invitation.role })
    .onConflictDoNothing()
    .returning({ id: memberships.id });
  await recordAudit(tx, {
    workspaceId: invitation.workspaceId,
    actor,
    action: "member.joined",
    subject: { type: "member", id: userId, label: invitation.email },
    after: { role: invitation.role, invitation: invitation.id, alreadyMember: added === undefined },
  });
}
