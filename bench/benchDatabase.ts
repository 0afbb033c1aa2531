// A scratch database on the Postgres server for one benchmark run: created, migrated, seeded with the
// default workspace and the named test flows published; `close` drops it (bench/runtime.ts, starts.ts,
// profileApi.ts, explainEvent.ts). Imports server modules:
// load it after server/allowServerOnly.mjs, as the benchmarks load the server.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import postgres from "postgres";
import { createDatabase, type Database } from "../server/db/client";
import { runMigrations } from "../server/db/migrate";
import { publishFlow } from "../server/services/publishing";
import { seedDefaultWorkspace } from "../server/services/seed";

export type BenchDatabase = {
  url: string;
  database: Database;
  workspaceId: string;
  /** The pids of the Postgres backends serving this database now (their CPU is the run's too). */
  backendPids: () => Promise<number[]>;
  close: () => Promise<void>;
};

/** `flows` are file names in test/runtime/flows, without `.json`. */
export async function openBenchDatabase(
  adminUrl: string,
  options: { clients: number; flows: readonly string[] },
): Promise<BenchDatabase> {
  const name = `journey_bench_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  process.env.JOURNEY_EXAMPLES = "off";
  const database = await createDatabase({ kind: "postgres", url: url.toString(), max: options.clients });
  const close = async () => {
    await database.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
  try {
    await runMigrations(database);
    const { id: workspaceId } = await seedDefaultWorkspace(database.db);
    for (const flow of options.flows) {
      const document: unknown = JSON.parse(
        readFileSync(new URL(`../test/runtime/flows/${flow}.json`, import.meta.url), "utf8"),
      );
      if (!(await publishFlow(database.db, workspaceId, document)).ok) throw new Error(`publish ${flow} failed`);
    }
    const backendPids = async () =>
      (await admin<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${name}`).map((r) => r.pid);
    return { url: url.toString(), database, workspaceId, backendPids, close };
  } catch (error) {
    await close();
    throw error;
  }
}
