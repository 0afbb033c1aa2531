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
  const [{ migrate }, { drizzle }, { default: pg }] = await Promise.all([
    import("drizzle-orm/node-postgres/migrator"),
    import("drizzle-orm/node-postgres"),
    import("pg"),
  ]);
  // A connection of its own that holds the lock and runs the migrations, without the pool's statement
  // and read timeouts: a migration that builds an index on a big table may take minutes.
  const lock = new pg.Client({ ...driver.client.options, statement_timeout: 0, query_timeout: 0 });
  lock.on("error", () => {}); // a broken connection fails the pending query; not the process
  await lock.connect();
  try {
    await lock.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
    await migrate(drizzle({ client: lock }), { migrationsFolder: folder });
  } finally {
    await lock.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]).catch(() => undefined);
    await lock.end().catch(() => undefined);
  }
}
