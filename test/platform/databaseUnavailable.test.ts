// Which errors are "the database is away" (503 DATABASE_UNAVAILABLE, Retry-After) and which are not.
import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "../../server/db/databaseUnavailable";
import { problemResponse, toAppError } from "../../server/http/problem";

const withCode = (code: string, message = "x") => Object.assign(new Error(message), { code });
/** drizzle wraps driver errors: the driver's error is the cause. */
const wrapped = (cause: unknown) => new Error("Failed query: select 1", { cause });

describe("isDatabaseUnavailable", () => {
  it.each([
    ["connection refused", withCode("ECONNREFUSED")],
    ["connection reset", withCode("ECONNRESET")],
    ["admin shutdown (a restart)", withCode("57P01", "terminating connection due to administrator command")],
    ["starting up", withCode("57P03", "the database system is starting up")],
    ["connection exception class 08", withCode("08006")],
    ["statement timeout", withCode("57014", "canceling statement due to statement timeout")],
    ["pg's broken connection", new Error("Connection terminated unexpectedly")],
    ["pg-pool's wait for a connection", new Error("timeout exceeded when trying to connect")],
    ["pg's read timeout", new Error("Query read timeout")],
    ["wrapped by drizzle", wrapped(withCode("ECONNREFUSED"))],
    ["the postgres driver's", withCode("CONNECTION_CLOSED", "write CONNECTION_CLOSED 127.0.0.1:5432")],
  ])("%s: yes", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["unique violation", withCode("23505", "duplicate key value violates unique constraint")],
    ["syntax error", withCode("42601")],
    ["a bug", new TypeError("Cannot read properties of undefined")],
    ["wrapped constraint error", wrapped(withCode("23503"))],
    ["not an error", "ECONNREFUSED"],
    ["nothing", undefined],
  ])("%s: no", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it("maps to 503 DATABASE_UNAVAILABLE problem+json with Retry-After, as an expected error", async () => {
    const { error, expected } = toAppError(wrapped(withCode("57P01")));
    expect(expected).toBe(true);
    expect(error.code).toBe("DATABASE_UNAVAILABLE");
    const res = problemResponse(error);
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await res.json()).toMatchObject({ status: 503, code: "DATABASE_UNAVAILABLE" });
    expect(toAppError(withCode("23505")).error.code).toBe("INTERNAL");
  });
});
