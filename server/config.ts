// Server-only module: reads the process environment once, in one place.
import path from "node:path";

export type DatabaseConfig = { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };

/** Where the database lives: a Postgres server when DATABASE_URL is set, else embedded PGlite. */
export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) return { kind: "postgres", url };
  const dataDir = env.JOURNEY_DATA_DIR?.trim() || path.join(".data", "pglite");
  // (The comment stops Next from tracing the whole project because of this path.)
  return { kind: "pglite", dataDir: path.resolve(/* turbopackIgnore: true */ dataDir) };
}

export type ServerConfig = {
  port: number;
  host: string;
  dev: boolean;
  apiOnly: boolean;
};

/** Flags: `--dev` (Next in development mode), `--api-only` (no Next at all). Env: PORT, HOST, JOURNEY_API_ONLY. */
export function serverConfigFromEnv(
  argv: readonly string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
): ServerConfig {
  const port = Number.parseInt(env.PORT ?? "3000", 10);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got ${env.PORT}`);
  return {
    port,
    host: env.HOST?.trim() || "127.0.0.1",
    dev: argv.includes("--dev"),
    apiOnly: argv.includes("--api-only") || env.JOURNEY_API_ONLY === "1",
  };
}

export type DatabaseTimeouts = {
  /** Opening a connection, and waiting for a free one in the pool (ms). */
  connectTimeoutMs: number;
  /** One statement, enforced by the server (statement_timeout) and, a second later, by the client (ms). */
  statementTimeoutMs: number;
  /** Seconds a 503 DATABASE_UNAVAILABLE tells the client to wait (Retry-After). */
  retryAfterSeconds: number;
};

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number.parseInt(raw, 10);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return value;
}

/** DATABASE_CONNECT_TIMEOUT_MS, DATABASE_STATEMENT_TIMEOUT_MS, DATABASE_RETRY_AFTER_SECONDS. */
export function databaseTimeoutsFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseTimeouts {
  return {
    connectTimeoutMs: positiveInt(env, "DATABASE_CONNECT_TIMEOUT_MS", 3_000),
    statementTimeoutMs: positiveInt(env, "DATABASE_STATEMENT_TIMEOUT_MS", 15_000),
    retryAfterSeconds: positiveInt(env, "DATABASE_RETRY_AFTER_SECONDS", 2),
  };
}
