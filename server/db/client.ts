// The one way to reach the database.
//
// DATABASE_URL set   → a Postgres server through the `postgres` driver (production).
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
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type { Sql } from "postgres";
import { databaseConfig, env, type DatabaseConfig } from "../env";
import * as schema from "./schema";

export type Schema = typeof schema;
export type DatabaseKind = DatabaseConfig["kind"];

/** The drizzle instance, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** The concrete driver, for the few places (migrations, benchmarks) that need it. */
export type Driver =
  | { kind: "pglite"; client: PGlite; orm: PgliteDatabase<Schema> }
  | { kind: "postgres"; client: Sql; orm: PostgresJsDatabase<Schema> };

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
  | { kind: "postgres"; url: string; max?: number }
  /** `dataDir` undefined: in memory. */
  | { kind: "pglite"; dataDir?: string };

/** Opens a new database handle. Most code wants the shared one: `getDatabase()`. */
export async function createDatabase(options: CreateDatabaseOptions): Promise<Database> {
  return options.kind === "postgres" ? openPostgres(options.url, options.max) : openPglite(options.dataDir);
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  const [{ PGlite }, { drizzle }] = await Promise.all([import("@electric-sql/pglite"), import("drizzle-orm/pglite")]);
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const unlock = dataDir ? lockDataDir(dataDir) : () => {};
  let client: InstanceType<typeof PGlite>;
  try {
    client = await PGlite.create(dataDir);
  } catch (error) {
    unlock();
    throw error;
  }
  const orm = drizzle({ client, schema });
  return {
    kind: "pglite",
    db: orm,
    driver: { kind: "pglite", client, orm },
    async query<T extends Row>(text: string, params: readonly unknown[] = []) {
      const result = await client.query<T>(text, params.map(toDriverValue), { parsers: pgliteTextParsers });
      return result.rows;
    },
    async exec(text) {
      await client.exec(text);
    },
    async close() {
      if (!client.closed) await client.close();
      unlock();
    },
  };
}

async function openPostgres(url: string, max = env().DATABASE_POOL_MAX): Promise<Database> {
  const [{ default: postgres }, { drizzle }] = await Promise.all([
    import("postgres"),
    import("drizzle-orm/postgres-js"),
  ]);
  const client = postgres(url, { max, onnotice: () => {} });
  const orm = drizzle({ client, schema });
  return {
    kind: "postgres",
    db: orm,
    driver: { kind: "postgres", client, orm },
    async query<T extends Row>(text: string, params: readonly unknown[] = []) {
      // postgres' parameter type is narrower than unknown; the driver serialises whatever it gets.
      const rows = await client.unsafe<T[]>(text, params.map(toDriverValue) as never[]);
      return [...rows];
    },
    async exec(text) {
      await client.unsafe(text).simple();
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
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
