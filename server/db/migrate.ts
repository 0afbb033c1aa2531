// Applies the SQL migrations in drizzle/ with drizzle's migrator, on whichever
// driver is active. Safe to run at every start: applied migrations are recorded in
// drizzle.__drizzle_migrations and skipped.
import "server-only";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Database } from "./client";

/** drizzle/ at the repository root (this file is server/db/migrate.ts). */
export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "drizzle");

/** Any fixed number: Postgres advisory lock held while migrating, so two servers starting together take turns. */
const MIGRATION_LOCK_ID = 4_242_001;

export async function runMigrations(database: Database, folder: string = migrationsFolder): Promise<void> {
  const driver = database.driver;
  if (driver.kind === "pglite") {
    // One connection, one process: nothing to lock against.
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(driver.orm, { migrationsFolder: folder });
    return;
  }
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const lock = await driver.client.reserve();
  try {
    await lock`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
    await migrate(driver.orm, { migrationsFolder: folder });
  } finally {
    await lock`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`.catch(() => undefined);
    lock.release();
  }
}
