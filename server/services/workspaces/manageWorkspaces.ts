// Workspaces for instance administrators (an outsourcer's operators): list every workspace, create one
// (its creator becomes its first admin), rename and archive. An archived workspace keeps its data but
// nobody works in it: the studio does not open it and its API keys are refused. Each change is audited
// in the workspace it concerns.
import "server-only";
import { asc, count, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { memberships, users, workspaces } from "../../db/schema";
import { AppError } from "../../errors/appError";
import { recordAudit, type AuditActor } from "../audit/recordAudit";
import { forgetCachedApiKeys } from "../../auth/apiKeys";
import { createWorkspace, workspaceNameSchema } from "./createWorkspace";

export type WorkspaceView = {
  id: string;
  slug: string;
  name: string;
  archived: boolean;
  members: number;
  createdAt: string;
};

export async function listWorkspaces(db: Db): Promise<WorkspaceView[]> {
  const rows = await db
    .select({
      id: workspaces.id,
      slug: workspaces.slug,
      name: workspaces.name,
      archivedAt: workspaces.archivedAt,
      createdAt: workspaces.createdAt,
      members: count(memberships.id),
    })
    .from(workspaces)
    .leftJoin(memberships, eq(memberships.workspaceId, workspaces.id))
    .groupBy(workspaces.id)
    .orderBy(asc(workspaces.createdAt), asc(workspaces.slug));
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    archived: r.archivedAt !== null,
    members: Number(r.members),
    createdAt: r.createdAt.toISOString(),
  }));
}

/** Creates the workspace and makes `adminUserId` its admin, so the creator can switch into it. */
export async function createWorkspaceFor(
  db: Db,
  input: { slug: string; name: string },
  adminUserId: string,
  actor: AuditActor,
): Promise<{ id: string; slug: string; name: string }> {
  return db.transaction(async (tx) => {
    const created = await createWorkspace(tx, input);
    await tx.insert(memberships).values({ workspaceId: created.id, userId: adminUserId, role: "admin" });
    await recordAudit(tx, {
      workspaceId: created.id,
      actor,
      action: "workspace.created",
      subject: { type: "workspace", id: created.id, label: created.slug },
      after: { name: created.name },
    });
    return created;
  });
}

export async function renameWorkspace(db: Db, id: string, name: string, actor: AuditActor): Promise<void> {
  const parsed = workspaceNameSchema.safeParse(name);
  if (!parsed.success) throw new AppError("VALIDATION_FAILED", { detail: `name ${parsed.error.issues[0]?.message}` });
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ name: workspaces.name, slug: workspaces.slug })
      .from(workspaces)
      .where(eq(workspaces.id, id))
      .for("update");
    if (!before) throw new AppError("WORKSPACE_NOT_FOUND");
    await tx.update(workspaces).set({ name: parsed.data }).where(eq(workspaces.id, id));
    await recordAudit(tx, {
      workspaceId: id,
      actor,
      action: "workspace.renamed",
      subject: { type: "workspace", id, label: before.slug },
      before: { name: before.name },
      after: { name: parsed.data },
    });
  });
}

export async function setWorkspaceArchived(db: Db, id: string, archived: boolean, actor: AuditActor): Promise<void> {
  await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(workspaces)
      .set({ archivedAt: archived ? sql`coalesce(${workspaces.archivedAt}, now())` : null })
      .where(eq(workspaces.id, id))
      .returning({ slug: workspaces.slug });
    if (!updated) throw new AppError("WORKSPACE_NOT_FOUND");
    await recordAudit(tx, {
      workspaceId: id,
      actor,
      action: archived ? "workspace.archived" : "workspace.unarchived",
      subject: { type: "workspace", id, label: updated.slug },
    });
  });
  // Its API keys stop working at once in this process (within the cache time in the others).
  forgetCachedApiKeys();
}

/** The user with this e-mail (case-insensitive), for an operator's command; undefined when there is none. */
export async function findUserIdByEmail(db: Db, email: string): Promise<string | undefined> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email.trim().toLowerCase()));
  return row?.id;
}
