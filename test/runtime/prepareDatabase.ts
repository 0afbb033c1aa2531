// Before a server starts: a migrated database with the examples published, API keys, a second workspace.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createApiKey } from "../../server/auth/apiKeys";
import { createDatabase, type Database } from "../../server/db/client";
import { runMigrations } from "../../server/db/migrate";
import { sqlClientFor } from "../../server/db/sqlClient";
import { seedDefaultWorkspace } from "../../server/services/seed";
import { createServerDatabase, serverUrl } from "./testDatabase";
import type { ServerTarget } from "./serverProcess";

export type PreparedKeys = { live: string; test: string; otherTest: string; workspaceId: string };

export type Prepared = {
  target: ServerTarget;
  keys: PreparedKeys;
  cleanup(): Promise<void>;
  open(): Promise<Database>;
};

/** `extra` runs on the open database before the server gets it (publish a test flow, …). */
export async function prepareDatabase(
  kind: "pglite" | "postgres",
  extra?: (database: Database, workspaceId: string) => Promise<void>,
): Promise<Prepared> {
  let target: ServerTarget;
  let cleanup: () => Promise<void>;
  let open: () => Promise<Database>;
  if (kind === "postgres") {
    if (!serverUrl) throw new Error("TEST_DATABASE_URL is not set");
    const created = await createServerDatabase(serverUrl);
    target = { databaseUrl: created.url };
    cleanup = created.drop;
    open = () => createDatabase({ kind: "postgres", url: created.url, max: 4 });
  } else {
    const dataDir = await mkdtemp(path.join(tmpdir(), "journey-rt-"));
    target = { dataDir };
    cleanup = async () => {
      const { rm } = await import("node:fs/promises");
      await rm(dataDir, { recursive: true, force: true });
    };
    open = () => createDatabase({ kind: "pglite", dataDir });
  }
  const database = await open();
  try {
    await runMigrations(database);
    const { id: workspaceId } = await seedDefaultWorkspace(database.db);
    const query = sqlClientFor(database).query;
    const other = await query<{ id: string }>(
      "insert into workspaces (slug, name) values ('other', 'Other') returning id",
    );
    const otherId = other[0]?.id ?? "";
    const keys: PreparedKeys = {
      live: (await createApiKey(query, workspaceId, "live", "live")).key,
      test: (await createApiKey(query, workspaceId, "test", "test")).key,
      otherTest: (await createApiKey(query, otherId, "other", "test")).key,
      workspaceId,
    };
    await extra?.(database, workspaceId);
    return { target, keys, cleanup, open };
  } finally {
    await database.close();
  }
}
