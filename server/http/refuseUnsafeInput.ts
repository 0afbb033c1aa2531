// Input Postgres or JavaScript would mishandle, refused up front as 400 VALIDATION_FAILED
// instead of a 500 from the database (a NUL character in text or jsonb) or a silent loss (a `__proto__` key,
// which object spreads drop), or a stack blown by absurd nesting.
import "server-only";
import type { MiddlewareHandler } from "hono";
import { validationFailed } from "./problem";

export const MAX_JSON_DEPTH = 64;

type Finding = { path: string; message: string; code: string };

/** The first thing wrong with a parsed JSON value, or undefined. */
export function unsafeJsonFinding(value: unknown, path: string[] = [], depth = 0): Finding | undefined {
  if (typeof value === "string") {
    return value.includes("\u0000")
      ? { path: path.join("."), message: "must not contain a NUL character (\\u0000)", code: "nul_character" }
      : undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  if (depth >= MAX_JSON_DEPTH)
    return { path: path.join("."), message: `nests deeper than ${MAX_JSON_DEPTH} levels`, code: "too_deep" };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unsafeJsonFinding(value[i], [...path, String(i)], depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    const at = [...path, key];
    if (key === "__proto__")
      return { path: at.join("."), message: 'is not allowed as a key ("__proto__")', code: "reserved_key" };
    if (key.includes("\u0000"))
      return { path: at.join("."), message: "key must not contain a NUL character (\\u0000)", code: "nul_character" };
    const found = unsafeJsonFinding(item, at, depth + 1);
    if (found) return found;
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
