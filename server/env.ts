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
