// Who may edit and publish the flows of one folder, for the admin's folder-access page: the members
// granted this folder, those granted a folder above it (a grant reaches the subfolders), and the
// designers and reviewers without any grant (they work in every folder), as `canInFolder` in
// server/auth/policy.ts decides. Granting and revoking one folder for one member is audited.
import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { folderGrants, memberships, users, type StudioRole } from "../../db/schema";
import { authorize } from "../../auth/policy";
import { AppError } from "../../errors/appError";
import { memberActor, recordAudit } from "../audit/recordAudit";
import type { MemberSession } from "../memberSession";
import { folderPath, listFolders } from "./flowFolders";

/** The roles a folder grant narrows (the others cannot edit or publish flows, or are admins). */
export const folderLimitedRoles = ["designer", "reviewer"] as const satisfies readonly StudioRole[];

export type FolderMember = { userId: string; email: string; name: string; role: StudioRole };
export type FolderAccess = {
  /** Granted this folder. `onlyGrant`: their one grant; revoking it lets them work in every folder. */
  direct: (FolderMember & { onlyGrant: boolean })[];
  /** Granted a folder above this one; `from` is that folder. */
  inherited: (FolderMember & { from: { id: string; name: string } })[];
  /** Designers and reviewers with no folder grant: they work in every folder. */
  unlimited: FolderMember[];
  /** Admins: never limited. */
  admins: FolderMember[];
};

export async function folderAccess(db: Db, session: MemberSession, folderId: string): Promise<FolderAccess> {
  authorize(session, "members.manage");
  const path = await folderPath(db, session.workspaceId, folderId);
  const names = new Map((await listFolders(db, session.workspaceId)).map((f) => [f.id, f.name]));
  const members = await db
    .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, session.workspaceId))
    .orderBy(asc(users.email));
  const grants = await db
    .select({ userId: folderGrants.userId, folderId: folderGrants.folderId })
    .from(folderGrants)
    .where(eq(folderGrants.workspaceId, session.workspaceId));
  const access: FolderAccess = { direct: [], inherited: [], unlimited: [], admins: [] };
  for (const member of members) {
    if (member.role === "admin") {
      access.admins.push(member);
      continue;
    }
    if (!folderLimitedRoles.some((r) => r === member.role)) continue;
    const theirs = grants.filter((g) => g.userId === member.userId).map((g) => g.folderId);
    if (theirs.length === 0) access.unlimited.push(member);
    else if (theirs.includes(folderId)) access.direct.push({ ...member, onlyGrant: theirs.length === 1 });
    else {
      // The nearest folder above this one that they were granted.
      const from = path.slice(1).find((id) => theirs.includes(id));
      if (from) access.inherited.push({ ...member, from: { id: from, name: names.get(from) ?? "" } });
    }
  }
  return access;
}

export async function grantFolder(db: Db, session: MemberSession, folderId: string, userId: string): Promise<void> {
  authorize(session, "members.manage");
  await folderPath(db, session.workspaceId, folderId);
  await db.transaction(async (tx) => {
    const [member] = await tx
      .select({ role: memberships.role, email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, session.workspaceId), eq(memberships.userId, userId)));
    if (!member) throw new AppError("NOT_FOUND", { detail: "No such member in this workspace." });
    if (!folderLimitedRoles.some((r) => r === member.role))
      throw new AppError("BAD_REQUEST", {
        detail: `Folder grants limit designers and reviewers; ${member.email} is ${member.role}.`,
      });
    const [added] = await tx
      .insert(folderGrants)
      .values({ workspaceId: session.workspaceId, folderId, userId })
      .onConflictDoNothing()
      .returning({ id: folderGrants.id });
    if (!added) return;
    await recordAudit(tx, {
      workspaceId: session.workspaceId,
      actor: memberActor(session),
      action: "member.folderGranted",
      subject: { type: "member", id: userId, label: member.email },
      after: { folderId },
    });
  });
}

export async function revokeFolder(db: Db, session: MemberSession, folderId: string, userId: string): Promise<void> {
  authorize(session, "members.manage");
  await db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(folderGrants)
      .where(
        and(
          eq(folderGrants.workspaceId, session.workspaceId),
          eq(folderGrants.folderId, folderId),
          eq(folderGrants.userId, userId),
        ),
      )
      .returning({ id: folderGrants.id });
    if (!gone) throw new AppError("NOT_FOUND", { detail: "This member has no grant on this folder." });
    await recordAudit(tx, {
      workspaceId: session.workspaceId,
      actor: memberActor(session),
      action: "member.folderRevoked",
      subject: { type: "member", id: userId },
      before: { folderId },
    });
  });
}
