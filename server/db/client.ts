// The one way to reach the database.
//
// DATABASE_URL set   → a Postgres server through `pg` (node-postgres) and drizzle's node-postgres adapter
//                      (production). Not the `postgres` driver: its 3.4.x releases can throw from a
//                      setImmediate after the socket closed, outside any promise, killing the process
//                      when the server restarts (README, "When the database goes away").
// DATABASE_URL unset → embedded PGlite in JOURNEY_DATA_DIR (default .data/pglite): trying and developing.
//
// The open database is cached on globalThis, so Next's hot reloads and the Next bundle running in the
// same process as the Hono API share one connection pool (and, for PGlite, never open the same data
// folder twice, which would corrupt it).
import "server-only";
import { lockDataDir } from "./dataDirLock";
import { mkdir } from "node:fs/promises";
import type { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type { Pool, PoolClient } from "pg";
import { databaseConfig, databaseTimeouts, env, type DatabaseConfig, type DatabaseTimeouts } from "../env";
import { isDatabaseUnavailable } from "./databaseUnavailable";
import { checkDataDirWritable, explainPgliteError } from "./pgliteDataDir";
import * as schema from "./schema";

export type Schema = typeof schema;
export type DatabaseKind = DatabaseConfig["kind"];

/** The drizzle instance, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** The concrete driver, for the few places (migrations, benchmarks) that need it. */
export type Driver =
  | { kind: "pglite"; client: PGlite; orm: PgliteDatabase<Schema> }
  | { kind: "postgres"; client: Pool; orm: NodePgDatabase<Schema>; timeouts: DatabaseTimeouts };

export type Row = Record<string, unknown>;

export type Database = {
  kind: DatabaseKind;
  db: Db;
  driver: Driver;
  /**
   * One statement with `$1…` parameters; returns its rows. Both drivers behave alike (as drizzle's own
   * `execute` does): a plain-object parameter is sent as JSON (for jsonb; pass `JSON.stringify(array)`
   * for a jsonb array, since arrays go as Postgres arrays), a Date as an ISO timestamp; jsonb comes back
   * parsed, timestamp and date columns come back as Postgres text, bigint/count(*) as text.
   */
  query<T extends Row = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Several statements, no parameters (scripts, DDL in tests). */
  exec(text: string): Promise<void>;
  close(): Promise<void>;
};

export type CreateDatabaseOptions =
  | { kind: "postgres"; url: string; max?: number; timeouts?: Partial<DatabaseTimeouts> }
  /** `dataDir` undefined: in memory. */
  | { kind: "pglite"; dataDir?: string };

/** Opens a new database handle. Most code wants the shared one: `getDatabase()`. */
export async function createDatabase(options: CreateDatabaseOptions): Promise<Database> {
  return options.kind === "postgres"
    ? openPostgres(options.url, options.max, { ...databaseTimeouts(), ...options.timeouts })
    : openPglite(options.dataDir);
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  const [{ PGlite }, { drizzle }] = await Promise.all([import("@electric-sql/pglite"), import("drizzle-orm/pglite")]);
  if (dataDir) {
    await mkdir(dataDir, { recursive: true }).catch((error: unknown) => {
      throw explainPgliteError(error, dataDir);
    });
    // A folder PGlite cannot write would fail half-way through its first checkpoint: refuse it now.
    await checkDataDirWritable(dataDir);
  }
  const unlock = dataDir ? lockDataDir(dataDir) : () => {};
  let client: InstanceType<typeof PGlite>;
  try {
    client = await PGlite.create(dataDir);
  } catch (error) {
    unlock();
    throw dataDir ? explainPgliteError(error, dataDir) : error;
  }
  const orm = drizzle({ client, schema });
  return {
    kind: "pglite",
    db: orm,
    driver: { kind: "pglite", client, orm },
    async query<T extends Row>(text: string, params: readonly unknown[] = []) {
      const result = await client
        .query<T>(text, params.map(toDriverValue), { parsers: pgliteTextParsers })
        .catch((error: unknown) => {
          throw dataDir ? explainPgliteError(error, dataDir) : error;
        });
      return result.rows;
    },
    async exec(text) {
      await client.exec(text).catch((error: unknown) => {
        throw dataDir ? explainPgliteError(error, dataDir) : error;
      });
    },
    async close() {
      if (!client.closed) await client.close();
      unlock();
    },
  };
}

/**
 * The connection string with plan_cache_mode added to the sessions' startup options (after the URL's
 * own `?options=`, which pg would otherwise let override a separate setting). Every statement of the
 * runtime is prepared once per connection; under `auto` Postgres may switch a prepared statement to a
 * custom plan made on every execution when the statistics change (seen after a VACUUM: the step's
 * statement of six CTEs then cost the server twice the CPU per event).
 */
export function withPlanCacheMode(url: string, planCacheMode: string): { connectionString: string; options?: string } {
  const setting = `-c plan_cache_mode=${planCacheMode}`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { connectionString: url, options: setting }; // not a URL: pg reads no options from it
  }
  const own = parsed.searchParams.get("options");
  parsed.searchParams.set("options", own ? `${own} ${setting}` : setting);
  return { connectionString: parsed.toString() };
}

async function openPostgres(url: string, max = env().DATABASE_POOL_MAX, timeouts: DatabaseTimeouts): Promise<Database> {
  const [{ default: pg }, { drizzle }] = await Promise.all([import("pg"), import("drizzle-orm/node-postgres")]);
  const client = new pg.Pool({
    ...withPlanCacheMode(url, env().DATABASE_PLAN_CACHE_MODE),
    max,
    // Bounded everywhere: opening a connection and waiting for a free one (connectionTimeoutMillis),
    // a statement on the server (statement_timeout) and, should the server stop answering without
    // closing the socket, on the client (query_timeout).
    connectionTimeoutMillis: timeouts.connectTimeoutMs,
    statement_timeout: timeouts.statementTimeoutMs,
    query_timeout: timeouts.statementTimeoutMs + 1_000,
    idle_in_transaction_session_timeout: timeouts.statementTimeoutMs * 2,
    keepAlive: true,
    types: { getTypeParser: textTypeParser(pg.types.getTypeParser) },
  });
  // An idle connection that the server closes (a restart, a failover) is reported here; without a
  // listener the pool would throw it at the process. The pool drops that connection and opens another
  // on the next request.
  client.on("error", (error: Error) => reportIdleError(error));
  client.on("connect", (connection: PoolClient) => {
    // A checked-out connection's errors reach its pending query; this keeps them from the process.
    connection.on("error", () => {});
  });
  const orm = drizzle({ client, schema });
  return {
    kind: "postgres",
    db: orm,
    driver: { kind: "postgres", client, orm, timeouts },
    async query<T extends Row>(text: string, params: readonly unknown[] = []) {
      const result = await client.query<T>(text, params.map(toDriverValue));
      return result.rows;
    },
    async exec(text) {
      await client.query(text);
    },
    async close() {
      await client.end();
    },
  };
}

let lastIdleErrorLog = 0;
function reportIdleError(error: Error): void {
  // Once per 10 s at most: a restart closes every idle connection at once.
  if (Date.now() - lastIdleErrorLog < 10_000) return;
  lastIdleErrorLog = Date.now();
  const what = isDatabaseUnavailable(error) ? "the database closed an idle connection" : "idle connection error";
  console.error(`[db] ${what}: ${error.message}`);
}

type TypeParser = (oid: number, format?: "text" | "binary") => unknown;

/**
 * Like drizzle's postgres-js setup and the PGlite parsers below: timestamps, dates, times and intervals
 * (and their arrays) come back as Postgres text; int8 and numeric stay text (pg's default); json and
 * jsonb are parsed.
 */
function textTypeParser(fallback: TypeParser) {
  const keep = new Set(Object.keys(pgliteTextParsers).map(Number));
  return ((oid: number, format?: "text" | "binary") => (keep.has(oid) ? keepText : fallback(oid, format))) as never;
}

/** Plain objects → JSON text, Dates → ISO text; everything else as is. */
function toDriverValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === "object" && !Array.isArray(value) && !ArrayBuffer.isView(value)) {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null) return JSON.stringify(value);
  }
  return value;
}

const keepText = (value: string) => value;
/**
 * PGlite would parse these (and int8 to a number); drizzle's postgres-js setup makes postgres return them
 * as text. Text on both, so raw SQL behaves the same on either database.
 */
const pgliteTextParsers = Object.fromEntries(
  [
    20, // int8
    1082, // date
    1083, // time
    1114, // timestamp
    1184, // timestamptz
    1186, // interval
    1182, // date[]
    1115, // timestamp[]
    1185, // timestamptz[]
    1187, // interval[]
    1231, // numeric[]
  ].map((oid) => [oid, keepText]),
);

const cacheKey = Symbol.for("journey-studio.database");
type Cache = { promise: Promise<Database> | undefined };

function cache(): Cache {
  const holder = globalThis as typeof globalThis & { [cacheKey]?: Cache };
  holder[cacheKey] ??= { promise: undefined };
  return holder[cacheKey];
}

/** The process's shared database, opened from the environment on first use. */
export function getDatabase(): Promise<Database> {
  const c = cache();
  if (!c.promise) {
    const config = databaseConfig();
    c.promise = createDatabase(config).catch((error: unknown) => {
      c.promise = undefined;
      throw error;
    });
  }
  return c.promise;
}

/** Closes the shared database (on shutdown); the next `getDatabase()` opens it again. */
export async function closeDatabase(): Promise<void> {
  const c = cache();
  const pending = c.promise;
  c.promise = undefined;
  if (pending) await (await pending).close();
}
