// Is the database answering?
import "server-only";
import { getDatabase, type Database, type DatabaseKind } from "../db/client";

export type Health = { ok: true; db: DatabaseKind };

/** Runs `select 1`; throws when the database does not answer. */
export async function checkHealth(database: Database): Promise<Health> {
  await database.query("select 1 as ok");
  return { ok: true, db: database.kind };
}

/** The health of the process's database (the studio's home page shows it). */
export async function studioHealth(): Promise<Health> {
  return checkHealth(await getDatabase());
}
