// Server-only module: `npm run db:migrate` — applies pending migrations to the configured database and exits.
import { closeDatabase, getDatabase } from "./client";
import { runMigrations } from "./migrate";

const database = await getDatabase();
try {
  await runMigrations(database);
  console.log(`Migrations applied (${database.kind}).`);
} finally {
  await closeDatabase();
}
