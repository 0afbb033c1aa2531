// The runtime's plain-SQL access, under drizzle, for the hot path. Statements are
// prepared on Postgres (MEASUREMENTS.md: the builder costs 2-3x the CPU); PGlite has one connection,
// so its transactions simply queue.
import "server-only";
import { createHash } from "node:crypto";
import pg, { type PoolClient } from "pg";
import type { Database, Row } from "./client";
import { isDatabaseUnavailable } from "./databaseUnavailable";

/** One statement with `$1…` parameters. Pass objects, never JSON strings, to jsonb parameters. */
export type SqlQuery = <T extends Row = Row>(text: string, params?: readonly unknown[]) => Promise<T[]>;

export type SqlClient = {
  kind: Database["kind"];
  query: SqlQuery;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (query: SqlQuery) => Promise<T>): Promise<T>;
};

// On Postgres (pg) objects go out as JSON text and dates as ISO text; timestamps come back as Dates,
// every other type as `Database.query` gives it (server/db/client.ts).
const TIMESTAMP_TYPES = new Set([1114, 1184]);

function toDriverParam(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === "object") return JSON.stringify(value);
  return value;
}

function toDate(text: string): Date {
  // "2026-01-05 09:00:00.123+00" → ISO 8601
  const iso = text.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00");
  return new Date(iso);
}

/**
 * Every hot-path statement is a named prepared statement (parsed and planned once per connection, as
 * the `postgres` driver did): its name is a hash of its text, so that two texts never share one.
 */
const statementNames = new Map<string, string>();
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `js_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
    statementNames.set(text, name);
  }
  return name;
}

type Queryable = Pick<PoolClient, "query">;

/** One connection runs one statement at a time: statements issued together (the sweeper's) queue here. */
function serial(query: SqlQuery): SqlQuery {
  let tail: Promise<unknown> = Promise.resolve();
  return <T extends Row>(text: string, params?: readonly unknown[]) => {
    const next = tail.then(() => query<T>(text, params));
    tail = next.catch(() => undefined);
    return next;
  };
}

export function sqlClientFor(database: Database): SqlClient {
  const driver = database.driver;
  if (driver.kind === "postgres") {
    const pool = driver.client;
    const fallback = pool.options.types?.getTypeParser ?? pg.types.getTypeParser;
    const types = {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        TIMESTAMP_TYPES.has(oid) ? toDate : fallback(oid, format)) as typeof pg.types.getTypeParser,
    };
    const run =
      (target: Queryable): SqlQuery =>
      async <T extends Row>(text: string, params: readonly unknown[] = []) =>
        (await target.query<T>({ name: statementName(text), text, values: params.map(toDriverParam), types })).rows;
    return {
      kind: "postgres",
      query: run(pool),
      async transaction<T>(fn: (q: SqlQuery) => Promise<T>): Promise<T> {
        const connection = await pool.connect();
        // A connection that broke (or that could not roll back) is dropped, not handed out again.
        let broken: Error | undefined;
        try {
          await connection.query("begin");
          const result = await fn(serial(run(connection)));
          await connection.query("commit");
          return result;
        } catch (error) {
          if (isDatabaseUnavailable(error)) broken = error instanceof Error ? error : new Error(String(error));
          else
            await connection.query("rollback").catch((cause: unknown) => {
              broken = cause instanceof Error ? cause : new Error(String(cause));
            });
          throw error;
        } finally {
          connection.release(broken);
        }
      },
    };
  }
  const client = driver.client;
  return {
    kind: "pglite",
    query: async <T extends Row>(text: string, params: readonly unknown[] = []) =>
      (await client.query<T>(text, [...params])).rows,
    async transaction<T>(fn: (q: SqlQuery) => Promise<T>): Promise<T> {
      return client.transaction(async (tx) =>
        fn(
          async <R extends Row>(text: string, params: readonly unknown[] = []) =>
            (await tx.query<R>(text, [...params])).rows,
        ),
      );
    },
  };
}
