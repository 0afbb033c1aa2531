// Is this error the database being away (down, restarting, unreachable, too slow)
// rather than something wrong with the request? The one place that knows the drivers' ways of saying
// so; server/http/problem.ts (and the tRPC error formatter) turn a yes into 503 DATABASE_UNAVAILABLE.
import "server-only";

/** Socket-level error codes of Node and of the drivers. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ENETUNREACH",
  "ENETDOWN",
  "ENOTFOUND",
  "EAI_AGAIN",
  // The `postgres` driver's (still used by tools and tests).
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
]);

/**
 * SQLSTATEs: class 08 (connection exception), 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03
 * cannot_connect_now (starting up, in recovery), 57014 query_canceled (statement_timeout), 53300
 * too_many_connections.
 */
function isUnavailableSqlState(code: string): boolean {
  return code.startsWith("08") || ["57P01", "57P02", "57P03", "57014", "53300"].includes(code);
}

/** What pg (node-postgres) and pg-pool say, without a code, when a connection breaks or times out. */
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|not queryable|connection error|Client was closed and is not queryable/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  // drizzle wraps driver errors (DrizzleQueryError): walk the causes.
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 5; depth++) {
    if (typeof e !== "object") return false;
    const code: unknown = Reflect.get(e, "code");
    if (
      typeof code === "string" &&
      (NETWORK_CODES.has(code) || (/^[0-9A-Z]{5}$/.test(code) && isUnavailableSqlState(code)))
    )
      return true;
    // PGlite's folder cannot be written (read-only, full): server/db/pgliteDataDir.ts.
    if (Reflect.get(e, "name") === "DataDirUnwritableError") return true;
    const message: unknown = Reflect.get(e, "message");
    if (typeof message === "string" && UNAVAILABLE_MESSAGES.test(message)) return true;
    e = Reflect.get(e, "cause");
  }
  return false;
}
