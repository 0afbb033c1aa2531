// A fresh, migrated database for one test file: in-memory PGlite, or (TEST_DATABASE_URL set) a new
// database created on that server through its admin connection and dropped afterwards.
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { createDatabase, type Database } from "../../server/db/client";
import { runMigrations } from "../../server/db/migrate";
import { seedDefaultWorkspace } from "../../server/services/seed";

export type TestDatabase = { database: Database; workspaceId: string; url?: string; close(): Promise<void> };

export const serverUrl = process.env.TEST_DATABASE_URL?.trim() || undefined;

/** Creates an empty database on the TEST_DATABASE_URL server; returns its URL and a drop function. */
export async function createServerDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `journey_rt_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const again = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists ${name} with (force)`);
      await again.end();
    },
  };
}

export async function openTestDatabase(
  options: { kind?: "pglite" | "postgres"; max?: number } = {},
): Promise<TestDatabase> {
  const kind = options.kind ?? (serverUrl ? "postgres" : "pglite");
  if (kind === "postgres") {
    if (!serverUrl) throw new Error("TEST_DATABASE_URL is not set");
    const created = await createServerDatabase(serverUrl);
    const database = await createDatabase({ kind: "postgres", url: created.url, max: options.max ?? 20 });
    await runMigrations(database);
    const { id } = await seedDefaultWorkspace(database.db);
    return {
      database,
      workspaceId: id,
      url: created.url,
      async close() {
        await database.close();
        await created.drop();
      },
    };
  }
  const database = await createDatabase({ kind: "pglite" });
  await runMigrations(database);
  const { id } = await seedDefaultWorkspace(database.db);
  return { database, workspaceId: id, close: () => database.close() };
}
