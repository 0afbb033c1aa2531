// The router of the API-key-authenticated runtime resources (validation failures as in
// ../apiRouter.ts) with `caller` (the API key's workspace and mode) on the context.
import "server-only";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { Caller } from "../../runtime/engine";
import type { Runtime } from "../../services/runtime";
import { AppError } from "../../errors/appError";
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  releaseIdempotencyKeySoon,
  requestHash,
  type HeldClaim,
} from "../../services/idempotency";
import { PROBLEM_CONTENT_TYPE, problemResponse, validationProblem } from "../problem";

/** `idempotent`: the Idempotency-Key check ran (a path may match two guarded patterns). */
export type AuthenticatedEnv = {
  Variables: { caller: Caller; idempotent: boolean; idempotencyClaim: HeldClaim | undefined };
};

export function createAuthenticatedRouter(): OpenAPIHono<AuthenticatedEnv> {
  return new OpenAPIHono<AuthenticatedEnv>({
    defaultHook: (result) => {
      if (!result.success) return validationProblem(result.error.issues);
      return undefined;
    },
  });
}

/** `Authorization: Bearer <key>` → `caller`; 401 UNAUTHORIZED otherwise. */
export function requireApiKey(runtime: Runtime): MiddlewareHandler<AuthenticatedEnv> {
  return async (c, next) => {
    if (c.get("caller")) return next();
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const owner = match?.[1] ? await runtime.authenticate(match[1]) : undefined;
    if (!owner) {
      return problemResponse(
        new AppError("UNAUTHORIZED", {
          detail: match ? "The API key is not valid." : "Send `Authorization: Bearer <api key>`.",
        }),
        {
          "www-authenticate": 'Bearer realm="journey-studio"',
        },
      );
    }
    c.set("caller", { workspaceId: owner.workspaceId, mode: owner.mode });
    await next();
  };
}

/**
 * Idempotency-Key on POST: the first answer to a key is stored (5xx excepted) and given again for the
 * same request; another request under the same key is 422 IDEMPOTENCY_KEY_REUSED. A start or event that
 * took effect without its answer being stored is answered with its interaction as it is now; one that
 * never took effect may be retried once its claim is older than CLAIM_LEASE_MS (services/idempotency.ts).
 */
export function idempotency(runtime: Runtime): MiddlewareHandler<AuthenticatedEnv> {
  const query = runtime.engine.sql.query;
  return async (c, next) => {
    const key = c.req.header("idempotency-key");
    if (c.req.method !== "POST" || key === undefined || c.get("idempotent")) return next();
    c.set("idempotent", true);
    if (key.length === 0 || key.length > 255) {
      return problemResponse(
        new AppError("VALIDATION_FAILED", { detail: "Idempotency-Key must be 1 to 255 characters." }),
      );
    }
    const caller = c.get("caller");
    const hash = requestHash(c.req.method, c.req.path, await c.req.text());
    // Starts and events are marked applied by the engine with their write: their stale claims may be retried.
    const marked = /\/interactions(\/[^/]+\/events)?$/.test(c.req.path);
    const claim = await claimIdempotencyKey(query, caller.workspaceId, key, hash, { takeover: marked });
    if (claim.kind === "reused")
      return problemResponse(
        new AppError("IDEMPOTENCY_KEY_REUSED", { detail: `Idempotency-Key "${key}" was used with another request.` }),
      );
    if (claim.kind === "in-progress")
      return problemResponse(
        new AppError("IDEMPOTENCY_KEY_IN_USE", {
          detail: `A request with Idempotency-Key "${key}" is still being answered.`,
        }),
        { "retry-after": "1" },
      );
    if (claim.kind === "replay") {
      const type = claim.status >= 400 ? PROBLEM_CONTENT_TYPE : "application/json";
      return new Response(JSON.stringify(claim.body), {
        status: claim.status,
        headers: { "content-type": type, "idempotent-replayed": "true" },
      });
    }
    if (claim.kind === "applied") {
      // It took effect but its answer was never stored (the server stopped in between): answer with the
      // interaction as it is now, and keep that as the key's answer.
      const status = /\/events$/.test(c.req.path) ? 200 : 201;
      const body: unknown = JSON.parse(JSON.stringify(await runtime.engine.get(caller, claim.interactionId)));
      await completeIdempotencyKey(query, claim.id, status, body);
      return new Response(JSON.stringify(body), {
        status,
        headers: { "content-type": "application/json", "idempotent-replayed": "true" },
      });
    }
    c.set("idempotencyClaim", { id: claim.id, owner: claim.owner });
    try {
      await next();
    } catch (error) {
      await releaseIdempotencyKeySoon(query, claim.id, claim.owner);
      throw error;
    }
    const status = c.res.status;
    if (status >= 500) {
      // When the database went away, the release waits for it to come back (services/idempotency.ts).
      await releaseIdempotencyKeySoon(query, claim.id, claim.owner);
      return;
    }
    const body: unknown = await c.res
      .clone()
      .json()
      .catch(() => null);
    await completeIdempotencyKey(query, claim.id, status, body, claim.owner);
  };
}
