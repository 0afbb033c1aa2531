// The process map's folders: nest (level 2 → 3 → 4), hold flows, and limit members' work (folder grants).
// Every change is authorised here with the one policy (`authorizeInFolder`: the role, then the member's
// folders) and audited in its transaction.
import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { flowFolders, flows, folderGrants, memberships } from "../../db/schema";
import { AppError } from "../../errors/appError";
import { authorize, authorizeInFolder, type Action } from "../../auth/policy";
import { memberActor, recordAudit } from "../audit/recordAudit";
import type { MemberSession } from "../memberSession";

export type FolderView = { id: string; parentId: string | null; name: string };

export async function listFolders(db: Db, workspaceId: string): Promise<FolderView[]> {
  return db
    .select({ id: flowFolders.id, parentId: flowFolders.parentId, name: flowFolders.name })
    .from(flowFolders)
    .where(eq(flowFolders.workspaceId, workspaceId))
    .orderBy(asc(flowFolders.name));
}

/** The folder's id and its ancestors' ids, nearest first; [] for the top. NOT_FOUND for a folder of another workspace. */
export async function folderPath(db: Db, workspaceId: string, folderId: string | null): Promise<string[]> {
  if (folderId === null) return [];
  const byId = new Map((await listFolders(db, workspaceId)).map((f) => [f.id, f]));
  if (!byId.has(folderId)) throw new AppError("NOT_FOUND", { detail: "No such folder in this workspace." });
  const path: string[] = [];
  for (let id: string | null = folderId; id !== null && !path.includes(id); id = byId.get(id)?.parentId ?? null)
    path.push(id);
  return path;
}

/** The folder path of a flow (by key). */
export async function flowFolderPath(db: Db, workspaceId: string, key: string): Promise<string[]> {
  const [row] = await db
    .select({ folderId: flows.folderId })
    .from(flows)
    .where(and(eq(flows.workspaceId, workspaceId), eq(flows.key, key)));
  if (!row) throw new AppError("FLOW_NOT_FOUND", { detail: `No flow "${key}" in this workspace.` });
  return folderPath(db, workspaceId, row.folderId);
}

/** Refuses (FORBIDDEN) unless the member may do `action` to the flow `key` where it sits. */
export async function authorizeFlow(db: Db, session: MemberSession, action: Action, key: string): Promise<void> {
  authorizeInFolder(session, action, await flowFolderPath(db, session.workspaceId, key));
}

/** Refuses unless the member may put flows (or folders) into `folderId` (null: the top). */
export async function authorizeFolder(db: Db, session: MemberSession, folderId: string | null): Promise<string[]> {
  const path = await folderPath(db, session.workspaceId, folderId);
  authorizeInFolder(session, "flows.edit", path);
  return path;
}

export async function createFolder(
  db: Db,
  session: MemberSession,
  input: { name: string; parentId: string | null },
): Promise<FolderView> {
  await authorizeFolder(db, session, input.parentId);
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(flowFolders)
      .values({ workspaceId: session.workspaceId, parentId: input.parentId, name: input.name })
      .onConflictDoNothing()
      .returning({ id: flowFolders.id, parentId: flowFolders.parentId, name: flowFolders.name });
    if (!created) throw new AppError("CONFLICT", { detail: `A folder "${input.name}" exists there already.` });
    await recordAudit(tx, {
      workspaceId: session.workspaceId,
      actor: memberActor(session),
      action: "folder.created",
      subject: { type: "folder", id: created.id, label: created.name },
      after: { parentId: created.parentId },
    });
    return created;
  });
}

/** Renames or moves a folder (never into itself or below itself). */
export async function updateFolder(
  db: Db,
  session: MemberSession,
  id: string,
  change: { name?: string; parentId?: string | null },
): Promise<void> {
  const path = await folderPath(db, session.workspaceId, id);
  authorizeInFolder(session, "flows.edit", path);
  if (change.parentId !== undefined) {
    const target = await authorizeFolder(db, session, change.parentId);
    if (target.includes(id)) throw new AppError("CONFLICT", { detail: "A folder cannot move into itself." });
  }
  await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(flowFolders)
      .set({
        ...(change.name !== undefined ? { name: change.name } : {}),
        ...(change.parentId !== undefined ? { parentId: change.parentId } : {}),
        updatedAt: new Date(),
      })
      .where(and(eq(flowFolders.workspaceId, session.workspaceId), eq(flowFolders.id, id)))
      .returning({ name: flowFolders.name });
    if (!updated) throw new AppError("NOT_FOUND");
    await recordAudit(tx, {
      workspaceId: session.workspaceId,
      actor: memberActor(session),
      action: change.parentId !== undefined ? "folder.moved" : "folder.renamed",
      subject: { type: "folder", id, label: updated.name },
      after: change,
    });
  });
}

/** Deletes an empty folder (no flows, no subfolders: CONFLICT otherwise). */
export async function deleteFolder(db: Db, session: MemberSession, id: string): Promise<void> {
  authorizeInFolder(session, "flows.edit", await folderPath(db, session.workspaceId, id));
  await db.transaction(async (tx) => {
    const [child] = await tx
      .select({ id: flowFolders.id })
      .from(flowFolders)
      .where(eq(flowFolders.parentId, id))
      .limit(1);
    const [flow] = await tx.select({ id: flows.id }).from(flows).where(eq(flows.folderId, id)).limit(1);
    if (child || flow) throw new AppError("CONFLICT", { detail: "Move its flows and folders out first." });
    const [gone] = await tx
      .delete(flowFolders)
      .where(and(eq(flowFolders.workspaceId, session.workspaceId), eq(flowFolders.id, id)))
      .returning({ name: flowFolders.name });
    await recordAudit(tx, {
      workspaceId: session.workspaceId,
      actor: memberActor(session),
      action: "folder.deleted",
      subject: { type: "folder", id, label: gone?.name ?? null },
    });
  });
}

/** Moves a flow to a folder (null: the top): the member must be allowed to edit it where it is and where it goes. */
export async function moveFlow(db: Db, session: MemberSession, key: string, folderId: string | null): Promise<void> {
  await authorizeFlow(db, session, "flows.edit", key);
  await authorizeFolder(db, session, folderId);
  await db.transaction(async (tx) => {
    const [moved] = await tx
      .update(flows)
      .set({ folderId })
      .where(and(eq(flows.workspaceId, session.workspaceId), eq(flows.key, key)))
      .returning({ id: flows.id });
    await recordAudit(tx, {
      workspaceId: session.workspaceId,
      actor: memberActor(session),
      action: "flow.moved",
      subject: { type: "flow", id: moved?.id ?? null, label: key },
      after: { folderId },
    });
  });
}

export async function listFolderGrants(db: Db, workspaceId: string): Promise<{ userId: string; folderId: string }[]> {
  return db
    .select({ userId: folderGrants.userId, folderId: folderGrants.folderId })
    .from(folderGrants)
    .where(eq(folderGrants.workspaceId, workspaceId));
}

/** Limits a member's editing and publishing of flows to these folders ([]: the whole workspace again). */
export async function setFolderGrants(
  db: Db,
  session: MemberSession,
  userId: string,
  folderIds: readonly string[],
): Promise<void> {
  authorize(session, "members.manage");
  await db.transaction(async (tx) => {
    const [member] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, session.workspaceId), eq(memberships.userId, userId)));
    if (!member) throw new AppError("NOT_FOUND", { detail: "No such member in this workspace." });
    if (folderIds.length > 0) {
      const found = await tx
        .select({ id: flowFolders.id })
        .from(flowFolders)
        .where(and(eq(flowFolders.workspaceId, session.workspaceId), inArray(flowFolders.id, [...folderIds])));
      if (found.length !== new Set(folderIds).size) throw new AppError("NOT_FOUND", { detail: "No such folder." });
    }
    await tx
      .delete(folderGrants)
      .where(and(eq(folderGrants.workspaceId, session.workspaceId), eq(folderGrants.userId, userId)));
    if (folderIds.length > 0)
      await tx
        .insert(folderGrants)
        .values([...new Set(folderIds)].map((folderId) => ({ workspaceId: session.workspaceId, userId, folderId })));
    await recordAudit(tx, {
      workspaceId: session.workspaceId,
      actor: memberActor(session),
      action: "member.foldersChanged",
      subject: { type: "member", id: userId },
      after: { folders: folderIds },
    });
  });
}

export async function flowExists(db: Db, workspaceId: string, key: string): Promise<boolean> {
  const [row] = await db
    .select({ id: flows.id })
    .from(flows)
    .where(and(eq(flows.workspaceId, workspaceId), eq(flows.key, key)));
  return row !== undefined;
}
