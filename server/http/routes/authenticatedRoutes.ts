// Every authenticated resource of /api/v1, behind the API-key check and Idempotency-Key.
// Mounted by ../app.ts; also starts this process's timer sweeper and outbox worker (JOURNEY_WORKERS=off: not).
import "server-only";
import { env } from "../../env";
import type { ApiDeps } from "../apiRouter";
import { runtimeFor } from "../../services/runtime";
import { customerRoutes } from "./customers";
import { flowRoutes } from "./flows";
import { interactionRoutes } from "./interactions";
import { messageRoutes } from "./messages";
import { createAuthenticatedRouter, idempotency, requireApiKey } from "./authenticatedRouter";

export function authenticatedRoutes(deps: ApiDeps) {
  const runtime = runtimeFor(deps.database);
  if (env().JOURNEY_WORKERS) runtime.startWorkers();
  const router = createAuthenticatedRouter();
  // Per path, not "*": a sub-router's "*" middleware would also guard the parent's health and openapi.json.
  for (const path of [
    "/flows",
    "/flows/*",
    "/interactions",
    "/interactions/*",
    "/customers/*",
    "/events",
    "/messages/*",
  ]) {
    router.use(path, requireApiKey(runtime), idempotency(runtime));
  }
  router.route("/", flowRoutes(runtime));
  router.route("/", interactionRoutes(runtime));
  router.route("/", customerRoutes(runtime));
  router.route("/", messageRoutes(runtime));
  return router;
}
