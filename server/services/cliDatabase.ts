// The database the app uses, for a CLI command (migrated, default workspace seeded),
// and `--workspace W` resolved to an id.
import "server-only";
import { findWorkspaceId } from "../auth/apiKeys";
import { closeDatabase, getDatabase, type Database } from "../db/client";
import { runMigrations } from "../db/migrate";
import { sqlClientFor } from "../db/sqlClient";
import { AppError } from "../errors/appError";
import { DEFAULT_WORKSPACE_SLUG, seedDefaultWorkspace } from "./seed";

export async function withCliDatabase<T>(
  workspace: string | undefined,
  fn: (database: Database, workspaceId: string) => Promise<T>,
): Promise<T> {
  const database = await getDatabase();
  try {
    await runMigrations(database);
    const seeded = await seedDefaultWorkspace(database.db);
    const workspaceId =
      workspace === undefined || workspace === DEFAULT_WORKSPACE_SLUG
        ? seeded.id
        : await findWorkspaceId(sqlClientFor(database).query, workspace);
    if (!workspaceId) throw new AppError("WORKSPACE_NOT_FOUND", { detail: `no workspace "${workspace}"` });
    return await fn(database, workspaceId);
  } finally {
    await closeDatabase();
  }
}
