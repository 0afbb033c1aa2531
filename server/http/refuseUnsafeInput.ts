// Input Postgres or JavaScript would mishandle, refused up front as 400 VALIDATION_FAILED
// instead of a 500 from the database (a NUL character in text or jsonb) or a silent loss (a `__proto__` key,
// which object spreads drop), or a stack blown by absurd nesting.
import "server-only";
import type { MiddlewareHandler } from "hono";
import { validationFailed } from "./problem";

export const MAX_JSON_DEPTH = 64;

type Finding = { path: string; message: string; code: string };

/** The first thing wrong with a parsed JSON value, or undefined. */
export function unsafeJsonFinding(value: unknown): Finding | undefined {
  const found = walk(value, 0);
  return found && { path: found.at.reverse().join("."), message: found.message, code: found.code };
}

/**
 * Every request body goes through this: the path is built only for a finding (`at`, innermost key
 * first, on the way back up), not as an array per key visited.
 */
function walk(value: unknown, depth: number): { at: string[]; message: string; code: string } | undefined {
  if (typeof value === "string") {
    return value.includes("\u0000")
      ? { at: [], message: "must not contain a NUL character (\\u0000)", code: "nul_character" }
      : undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  if (depth >= MAX_JSON_DEPTH)
    return { at: [], message: `nests deeper than ${MAX_JSON_DEPTH} levels`, code: "too_deep" };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = walk(value[i], depth + 1);
      if (found) {
        found.at.push(String(i));
        return found;
      }
    }
    return undefined;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key === "__proto__")
      return { at: [key], message: 'is not allowed as a key ("__proto__")', code: "reserved_key" };
    if (key.includes("\u0000"))
      return { at: [key], message: "key must not contain a NUL character (\\u0000)", code: "nul_character" };
    const found = walk(record[key], depth + 1);
    if (found) {
      found.at.push(key);
      return found;
    }
  }
  return undefined;
}

export function refuseUnsafeInput(): MiddlewareHandler {
  return async (c, next) => {
    if (/%00/.test(c.req.url))
      return validationFailed([
        { path: "(url)", message: "must not contain a NUL character (%00)", code: "nul_character" },
      ]);
    const method = c.req.method;
    if (method === "GET" || method === "HEAD" || method === "OPTIONS") return next();
    if (!/json/i.test(c.req.header("content-type") ?? "")) return next();
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return next(); // malformed: the route's validator answers 400 INVALID_JSON
    }
    const found = unsafeJsonFinding(body);
    return found ? validationFailed([found]) : next();
  };
}
