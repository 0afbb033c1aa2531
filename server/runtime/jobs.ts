// Pg-boss (10) on the app's own database connection, PGlite or Postgres.
//
// pg-boss only wakes things up and hands out work; the truth stays in our rows (timers, trigger_runs).
// It runs through its `db: { executeSql }` option: statements with parameters go through the app's
// pool (`Database.query`), parameterless ones — pg-boss's migrations, several statements with their own
// BEGIN/COMMIT — through PGlite's `exec`, or on Postgres through one connection of the pool in the
// simple protocol (a script's BEGIN and COMMIT must run on one connection).
import "server-only";
import PgBoss from "pg-boss";
import type { Database, Row } from "../db/client";
import { isDatabaseUnavailable } from "../db/databaseUnavailable";

export const BOSS_SCHEMA = "pgboss";

async function executeMany(database: Database, text: string): Promise<Row[]> {
  const driver = database.driver;
  // A script that fails half-way leaves its transaction open and aborted: roll it back, or the
  // connection (PGlite's only one) refuses everything after.
  if (driver.kind === "pglite") {
    try {
      const results = await driver.client.exec(text);
      return [...(results.at(-1)?.rows ?? [])] as Row[];
    } catch (error) {
      await driver.client.exec("rollback").catch(() => undefined);
      throw error;
    }
  }
  const connection = await driver.client.connect();
  let broken: unknown;
  try {
    // Several statements: pg answers one result per statement (the last one answers).
    const result: unknown = await connection.query(text);
    const last: unknown = Array.isArray(result) ? result.at(-1) : result;
    const rows: unknown = last && typeof last === "object" ? Reflect.get(last, "rows") : undefined;
    return Array.isArray(rows) ? ([...rows] as Row[]) : [];
  } catch (error) {
    broken = error;
    await connection.query("rollback").catch(() => undefined);
    throw error;
  } finally {
    // A connection that broke goes away rather than back to the pool.
    connection.release(broken instanceof Error && isDatabaseUnavailable(broken) ? broken : undefined);
  }
}

/** The adapter pg-boss calls for every statement. */
export function bossDb(database: Database): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (!values || values.length === 0) return { rows: await executeMany(database, text) };
      // pg-boss passes `undefined` for options left out; the postgres driver refuses it.
      return {
        rows: await database.query(
          text,
          values.map((v) => (v === undefined ? null : v)),
        ),
      };
    },
  };
}

export type BossOptions = {
  /** How often pg-boss's cron monitor looks for schedules to send (seconds). */
  cronMonitorIntervalSeconds?: number;
  /** How often pg-boss expires stuck jobs and archives old ones (seconds). */
  maintenanceIntervalSeconds?: number;
};

const starting = new WeakMap<Database, Promise<unknown>>();

/**
 * Starts `boss`; pg-boss instances on one database handle start one after the other (its migration
 * script, run twice at once on PGlite's single session, would trip over itself).
 */
export async function startBoss(database: Database, boss: PgBoss): Promise<void> {
  const previous = starting.get(database) ?? Promise.resolve();
  const mine = previous.catch(() => undefined).then(() => boss.start());
  starting.set(database, mine);
  await mine;
}

/** A pg-boss instance on `database` (not started: see startBoss). */
export function createBoss(database: Database, options: BossOptions = {}): PgBoss {
  return new PgBoss({
    db: bossDb(database),
    schema: BOSS_SCHEMA,
    migrate: true,
    supervise: true,
    schedule: true,
    cronMonitorIntervalSeconds: options.cronMonitorIntervalSeconds ?? 10,
    cronWorkerIntervalSeconds: 2,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
    // Our jobs are wake-ups and leases, not data: keep their trail short.
    archiveCompletedAfterSeconds: 3600,
    deleteAfterDays: 1,
  });
}

/**
 * Creates the queue unless it exists. Two processes starting at once can deadlock inside pg-boss's
 * create_queue (it creates a partition): one of them retries.
 */
export async function ensureQueue(boss: PgBoss, queue: PgBoss.Queue): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      if (await boss.getQueue(queue.name)) return;
      await boss.createQueue(queue.name, queue);
      return;
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200 * attempt));
    }
  }
}
