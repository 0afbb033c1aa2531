// The engine with what it needs from the services layer (customer resolution and
// Idempotency-Key marking): the runtime never imports a service, so they are passed in here.
import "server-only";
import type { SqlClient } from "../db/sqlClient";
import { createEngine, type Engine, type EngineOptions } from "../runtime/engine";
import { resolveCustomer } from "./customers";
import { markIdempotencyApplied } from "./idempotency";

export function createRuntimeEngine(
  sql: SqlClient,
  options: Omit<EngineOptions, "resolveCustomer" | "markIdempotencyApplied"> = {},
): Engine {
  return createEngine(sql, { ...options, resolveCustomer, markIdempotencyApplied });
}
