// Server-only module: who is using the studio.
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { workspaces } from "../db/schema";
import { AppError } from "./appError";
import { DEFAULT_WORKSPACE_SLUG } from "./defaultWorkspace";

export type StudioRole = "admin" | "designer" | "content-editor" | "reviewer" | "viewer";

export type StudioSession = {
  workspaceId: string;
  user: { id: string; name: string; role: StudioRole };
};

let defaultWorkspace: Promise<string> | undefined;

/**
 * The studio has no sign-in yet (that is issue 6): every request acts as the local administrator of
 * the default workspace, as a single-user install would. Replace this with the session lookup.
 */
export async function resolveStudioSession(db: Db): Promise<StudioSession> {
  defaultWorkspace ??= findDefaultWorkspace(db).catch((error: unknown) => {
    defaultWorkspace = undefined;
    throw error;
  });
  return { workspaceId: await defaultWorkspace, user: { id: "local-admin", name: "Local admin", role: "admin" } };
}

async function findDefaultWorkspace(db: Db): Promise<string> {
  // server/main.ts seeds the default workspace before it serves anything.
  const [row] = await db.select({ id: workspaces.id }).from(workspaces).orderBy(sql`${workspaces.slug} <> ${DEFAULT_WORKSPACE_SLUG}`, workspaces.createdAt).limit(1);
  if (!row) throw new AppError("WORKSPACE_NOT_FOUND", { detail: "No workspace exists yet; start the server once to create the default one." });
  return row.id;
}
