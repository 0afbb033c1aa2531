// The router of the API-key-authenticated runtime resources (validation failures as in
// ../apiRouter.ts) with `caller` (the API key's workspace and mode) on the context.
import "server-only";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { Caller } from "../../runtime/engine";
import type { Runtime } from "../../services/runtime";
import { AppError } from "../../errors/appError";
import type { SqlQuery } from "../../db/sqlClient";
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  offerIdempotencyKey,
  releaseIdempotencyKeySoon,
  requestHash,
  type HeldClaim,
  type IdempotencyClaim,
  type UnclaimedKey,
} from "../../services/idempotency";
import { PROBLEM_CONTENT_TYPE, problemResponse, validationProblem } from "../problem";

/**
 * `idempotent`: the Idempotency-Key check ran (a path may match two guarded patterns). An event's key
 * is `unclaimedKey` (the engine claims it); every other route's key is claimed first, `idempotencyClaim`.
 */
export type AuthenticatedEnv = {
  Variables: {
    caller: Caller;
    idempotent: boolean;
    idempotencyClaim: HeldClaim | undefined;
    unclaimedKey: UnclaimedKey | undefined;
  };
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
 * Idempotency-Key on POST: the first answer to a key is stored (5xx excepted) and given again, byte for
 * byte, for the same request; another request under the same key is 422 IDEMPOTENCY_KEY_REUSED. A start
 * or event that took effect without its answer being stored is answered with its interaction as it is
 * now; one that never took effect may be retried once its claim is older than CLAIM_LEASE_MS
 * (services/idempotency.ts). An event's key is offered to the engine unclaimed: in the common case the
 * event's own statement claims it and stores the answer (`unclaimedKey`); otherwise the engine claims
 * it first, as every other route's key is claimed here.
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
    const answerOf = (claim: Exclude<IdempotencyClaim, { kind: "claimed" }>) =>
      claimAnswer(runtime, caller, key, claim, /\/events$/.test(c.req.path) ? 200 : 201);

    if (EVENTS_PATH.test(c.req.path)) {
      const offer = offerIdempotencyKey(query, caller.workspaceId, key, hash, 200);
      c.set("unclaimedKey", offer.key);
      try {
        await next();
      } catch (error) {
        const held = offer.claimed();
        if (held?.kind === "claimed") await releaseIdempotencyKeySoon(query, held.id, held.owner);
        throw error;
      }
      if (offer.isStored()) return;
      let claim = offer.claimed();
      if (claim === undefined) {
        // Refused before the engine ran (nothing took effect): a 5xx is not kept; else claim it now.
        if (c.res.status >= 500) return;
        claim = await claimIdempotencyKey(query, caller.workspaceId, key, hash, { takeover: true });
      }
      if (claim.kind !== "claimed") {
        c.res = await answerOf(claim);
        return;
      }
      await keepAnswer(c.res, query, claim);
      return;
    }

    // Starts are marked applied by the engine with their write: their stale claims may be retried.
    const marked = /\/interactions$/.test(c.req.path);
    const claim = await claimIdempotencyKey(query, caller.workspaceId, key, hash, { takeover: marked });
    if (claim.kind !== "claimed") return answerOf(claim);
    c.set("idempotencyClaim", { id: claim.id, owner: claim.owner });
    try {
      await next();
    } catch (error) {
      await releaseIdempotencyKeySoon(query, claim.id, claim.owner);
      throw error;
    }
    await keepAnswer(c.res, query, claim);
  };
}

const EVENTS_PATH = /\/interactions\/[^/]+\/events$/;

/** The answer to a key this request does not hold: a replay, a reuse, in flight, or applied unanswered. */
async function claimAnswer(
  runtime: Runtime,
  caller: Caller,
  key: string,
  claim: Exclude<IdempotencyClaim, { kind: "claimed" }>,
  appliedStatus: number,
): Promise<Response> {
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
    return new Response(claim.text, {
      status: claim.status,
      headers: { "content-type": type, "idempotent-replayed": "true" },
    });
  }
  // It took effect but its answer was never stored (the server stopped in between): answer with the
  // interaction as it is now, and keep that as the key's answer.
  const text = JSON.stringify(await runtime.engine.get(caller, claim.interactionId));
  await completeIdempotencyKey(runtime.engine.sql.query, claim.id, appliedStatus, text);
  return new Response(text, {
    status: appliedStatus,
    headers: { "content-type": "application/json", "idempotent-replayed": "true" },
  });
}

/** Stores the answer under the held claim; after a 5xx, releases the key instead. */
async function keepAnswer(res: Response, query: SqlQuery, claim: HeldClaim): Promise<void> {
  if (res.status >= 500) {
    // When the database went away, the release waits for it to come back (services/idempotency.ts).
    await releaseIdempotencyKeySoon(query, claim.id, claim.owner);
    return;
  }
  await completeIdempotencyKey(query, claim.id, res.status, await res.clone().text(), claim.owner);
}
