// `npm run db:migrate` — applies pending migrations to the configured database and exits.
await import("../allowServerOnly.mjs"); // before any server module (see it)
const { closeDatabase, getDatabase } = await import("./client");
const { runMigrations } = await import("./migrate");

const database = await getDatabase();
try {
  await runMigrations(database);
  console.log(`Migrations applied (${database.kind}).`);
} finally {
  await closeDatabase();
}

export {};
