// The process environment, read and validated once (zod), in one place. Everything
// on the server reads its settings from `env()` (or the config helpers below), never from process.env.
//
// Adding a setting: one line in `envSchema` (with its default and a comment), then `env().NAME`.
// Tests that need other values pass them in (readEnv({ ... }), or the option the function takes);
// processes started by tests get theirs in the child's environment.
import "server-only";
import path from "node:path";
import { z } from "zod";

/** Unset and empty (or blank) are the same: the default applies. Values are trimmed. */
const blankIsUnset = (value: unknown) => {
  if (typeof value !== "string") return value;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
};
const text = () => z.preprocess(blankIsUnset, z.string().optional());
const integer = (fallback: number, min: number, max = Number.MAX_SAFE_INTEGER) =>
  z.preprocess(blankIsUnset, z.coerce.number().int().min(min).max(max).default(fallback));
/** `off` turns a feature off; anything else leaves it on. */
const onUnlessOff = () => z.preprocess(blankIsUnset, z.string().optional()).transform((v) => v !== "off");

export const envSchema = z
  .object({
    // The database (server/db/client.ts): a Postgres server when DATABASE_URL is set, else embedded PGlite.
    DATABASE_URL: text(),
    DATABASE_POOL_MAX: integer(10, 1),
    /** Opening a connection, and waiting for a free one in the pool (ms). */
    DATABASE_CONNECT_TIMEOUT_MS: integer(3_000, 1),
    /** One statement, enforced by the server (statement_timeout) and, a second later, by the client (ms). */
    DATABASE_STATEMENT_TIMEOUT_MS: integer(15_000, 1),
    /** Seconds a 503 DATABASE_UNAVAILABLE tells the client to wait (Retry-After). */
    DATABASE_RETRY_AFTER_SECONDS: integer(2, 1),
    /**
     * Postgres's plan_cache_mode for the pool's sessions. Generic by default: under `auto` a step's
     * statement was planned again on every execution once the tables' statistics changed (README, issue 17).
     */
    DATABASE_PLAN_CACHE_MODE: z.preprocess(
      blankIsUnset,
      z.enum(["force_generic_plan", "auto", "force_custom_plan"]).default("force_generic_plan"),
    ),
    /** PGlite's folder (default .data/pglite). */
    JOURNEY_DATA_DIR: text(),

    // The process (server/main.ts).
    PORT: integer(3000, 0, 65535),
    HOST: z.preprocess(blankIsUnset, z.string().default("127.0.0.1")),
    /** `1`: no Next in the process, as `--api-only`. */
    JOURNEY_API_ONLY: text().transform((v) => v === "1"),

    // The runtime.
    /** `lock`: events hold the row (SELECT … FOR UPDATE); otherwise optimistic writes. */
    JOURNEY_CONCURRENCY: text().transform((v): "optimistic" | "lock" => (v === "lock" ? "lock" : "optimistic")),
    /** `off`: this process runs no timer sweeper, outbox worker or triggers. */
    JOURNEY_WORKERS: onUnlessOff(),
    /** `off`: no date/schedule start triggers. */
    JOURNEY_TRIGGERS: onUnlessOff(),
    JOURNEY_TIMER_POLL_MS: integer(100, 1),
    JOURNEY_OUTBOX_POLL_MS: integer(500, 1),
    JOURNEY_TIMER_LANES: integer(2, 1),
    JOURNEY_TIMER_BATCH: integer(500, 1),
    JOURNEY_TRIGGER_CATCHUP_MINUTES: integer(360, 0),
    JOURNEY_API_KEY_CACHE_MS: integer(5_000, 0),
    /** How long an invitation link works (7 days). */
    JOURNEY_INVITATION_TTL_MS: integer(7 * 24 * 60 * 60 * 1000, 1_000),
    /** `off`: the example journeys are not imported at start-up. */
    JOURNEY_EXAMPLES: onUnlessOff(),

    // Sign-in (server/auth/authConfig.ts says what each does).
    JOURNEY_PUBLIC_URL: text(),
    /** The same as JOURNEY_PUBLIC_URL (better-auth's own name), when that is unset. */
    BETTER_AUTH_URL: text(),
    BETTER_AUTH_SECRET: text().refine((v) => v === undefined || v.length >= 32, {
      message: "BETTER_AUTH_SECRET must be at least 32 characters",
    }),
    JOURNEY_ALLOWED_HOSTS: text(),
    JOURNEY_CLIENT_IP_HEADER: text(),
    JOURNEY_ADMIN_EMAIL: text(),
    // Not trimmed: a password is taken as typed.
    JOURNEY_FIRST_ADMIN_PASSWORD: z
      .string()
      .optional()
      .transform((v) => v || undefined)
      .refine((v) => v === undefined || v.length >= 12, {
        message: "JOURNEY_FIRST_ADMIN_PASSWORD must be at least 12 characters",
      }),
  })
  .refine(
    (e) => {
      const publicUrl = e.JOURNEY_PUBLIC_URL ?? e.BETTER_AUTH_URL;
      return publicUrl === undefined || /^https?:\/\//.test(publicUrl);
    },
    { message: "JOURNEY_PUBLIC_URL must start with http:// or https://", path: ["JOURNEY_PUBLIC_URL"] },
  );

export type Env = z.infer<typeof envSchema>;

/** Parses an environment; throws one error naming every bad setting. */
export function readEnv(source: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(source);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
  throw new Error(`Invalid environment: ${problems}`);
}

let cached: Env | undefined;

/** The process's environment, parsed on first use. */
export function env(): Env {
  cached ??= readEnv(process.env);
  return cached;
}

export type DatabaseConfig = { kind: "postgres"; url: string; max: number } | { kind: "pglite"; dataDir: string };

/** Where the database lives: a Postgres server when DATABASE_URL is set, else embedded PGlite. */
export function databaseConfig(e: Env = env()): DatabaseConfig {
  if (e.DATABASE_URL) return { kind: "postgres", url: e.DATABASE_URL, max: e.DATABASE_POOL_MAX };
  const dataDir = e.JOURNEY_DATA_DIR ?? path.join(".data", "pglite");
  // (The comment stops Next from tracing the whole project because of this path.)
  return { kind: "pglite", dataDir: path.resolve(/* turbopackIgnore: true */ dataDir) };
}

export type DatabaseTimeouts = {
  connectTimeoutMs: number;
  statementTimeoutMs: number;
  retryAfterSeconds: number;
};

/** DATABASE_CONNECT_TIMEOUT_MS, DATABASE_STATEMENT_TIMEOUT_MS, DATABASE_RETRY_AFTER_SECONDS. */
export function databaseTimeouts(e: Env = env()): DatabaseTimeouts {
  return {
    connectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_MS,
    statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
    retryAfterSeconds: e.DATABASE_RETRY_AFTER_SECONDS,
  };
}

export type ServerConfig = {
  port: number;
  host: string;
  dev: boolean;
  apiOnly: boolean;
};

/** Flags: `--dev` (Next in development mode), `--api-only` (no Next at all). Env: PORT, HOST, JOURNEY_API_ONLY. */
export function serverConfig(argv: readonly string[] = process.argv.slice(2), e: Env = env()): ServerConfig {
  return {
    port: e.PORT,
    host: e.HOST,
    dev: argv.includes("--dev"),
    apiOnly: argv.includes("--api-only") || e.JOURNEY_API_ONLY,
  };
}
