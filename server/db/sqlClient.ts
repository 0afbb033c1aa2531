// The runtime's plain-SQL access, under drizzle, for the hot path. Statements are
// prepared on the `postgres` driver (MEASUREMENTS.md: the builder costs 2-3x the CPU); PGlite has one
// connection, so its transactions simply queue.
import "server-only";
import type { Database, Row } from "./client";

/** One statement with `$1…` parameters. Pass objects, never JSON strings, to jsonb parameters. */
export type SqlQuery = <T extends Row = Row>(text: string, params?: readonly unknown[]) => Promise<T[]>;

export type SqlClient = {
  kind: Database["kind"];
  query: SqlQuery;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (query: SqlQuery) => Promise<T>): Promise<T>;
};

// drizzle's postgres-js driver makes the client's json, jsonb and timestamp (de)serialisers transparent
// (it converts itself), and the client is shared: so here objects go out as JSON text, dates as ISO
// text, and timestamps come back as text that we turn into Dates.
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

type DriverResult = readonly Row[] & { columns?: ReadonlyArray<{ name: string; type: number }> };

function fromDriverRows<T extends Row>(result: DriverResult): T[] {
  const dateColumns = (result.columns ?? []).filter((c) => TIMESTAMP_TYPES.has(c.type)).map((c) => c.name);
  if (dateColumns.length === 0) return [...result] as T[];
  return result.map((row) => {
    const copy: Row = { ...row };
    for (const name of dateColumns) {
      const value = copy[name];
      if (typeof value === "string") copy[name] = toDate(value);
    }
    return copy as T;
  });
}

export function sqlClientFor(database: Database): SqlClient {
  const driver = database.driver;
  if (driver.kind === "postgres") {
    const client = driver.client;
    type Unsafe = (text: string, params: never[], options: { prepare: boolean }) => Promise<DriverResult>;
    const run =
      (unsafe: Unsafe) =>
      async <T extends Row>(text: string, params: readonly unknown[] = []) =>
        fromDriverRows<T>(await unsafe(text, params.map(toDriverParam) as never[], { prepare: true }));
    return {
      kind: "postgres",
      query: run((text, params, options) => client.unsafe(text, params, options)),
      async transaction<T>(fn: (q: SqlQuery) => Promise<T>): Promise<T> {
        const result = await client.begin(async (tx) =>
          fn(run((text, params, options) => tx.unsafe(text, params, options))),
        );
        return result as T;
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
