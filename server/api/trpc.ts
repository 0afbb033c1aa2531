// TRPC's context, error formatting and procedures for the studio's own calls.
import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { z } from "zod";
import { getDatabase } from "../db/client";
import type { Database } from "../db/client";
import { AppError } from "../errors/appError";
import { isDatabaseUnavailable } from "../db/databaseUnavailable";
import { resolveMemberSession } from "../auth/memberSession";
import type { SignedInMember } from "../auth/memberSession";
import { authorize, isAction } from "../auth/policy";
import { refuseForeignOrigin } from "../auth/requestOrigin";
import type { ProcedureMeta } from "./authorize";

/** `headers`: the request's; the better-auth session cookie is read from them, per procedure call. */
export type TrpcContext = { database: Database; headers?: Headers };

export async function createTrpcContext(options?: { req?: Request }): Promise<TrpcContext> {
  return { database: await getDatabase(), headers: options?.req?.headers };
}

const trpcCodeForStatus: Record<number, TRPC_ERROR_CODE_KEY> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  422: "UNPROCESSABLE_CONTENT",
  429: "TOO_MANY_REQUESTS",
  503: "SERVICE_UNAVAILABLE",
};

const t = initTRPC
  .context<TrpcContext>()
  .meta<ProcedureMeta>()
  .create({
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      return {
        ...shape,
        data: {
          ...shape.data,
          // The service's stable code (e.g. FLOW_INVALID) and its extras (diagnostics, accepts…).
          appCode: cause instanceof AppError ? cause.code : null,
          appExtensions: cause instanceof AppError ? cause.extensions : null,
          zodError: cause instanceof z.ZodError ? z.flattenError(cause) : null,
        },
      };
    },
  });

/** Services throw AppError; map it once to the matching tRPC error so the client sees its code. */
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && (result.error.cause instanceof AppError || isDatabaseUnavailable(result.error.cause))) {
    const cause =
      result.error.cause instanceof AppError
        ? result.error.cause
        : new AppError("DATABASE_UNAVAILABLE", { cause: result.error.cause });
    throw new TRPCError({
      code: trpcCodeForStatus[cause.status] ?? "INTERNAL_SERVER_ERROR",
      message: cause.detail ?? cause.title,
      cause,
    });
  }
  return result;
});

export const createTrpcRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Every studio procedure: declares what it does (`.meta({ action })`), and runs only for a signed-in
 * member whose role the policy (server/auth/policy.ts) allows that action, within the member's
 * workspace. Fail-closed: a procedure without an action is refused; a mutation from a foreign Origin
 * (server/auth/requestOrigin.ts) is refused. The checks run inside the call,
 * whatever route the request took (no reliance on Next middleware).
 */
export const studioProcedure = t.procedure.use(appErrors).use(async ({ ctx, meta, path, type, next }) => {
  const action = meta?.action;
  if (!isAction(action)) throw new AppError("FORBIDDEN", { detail: `Procedure ${path} declares no action; refusing.` });
  // A change is refused when a page of another site sends it (the session cookie would go along).
  if (type === "mutation") refuseForeignOrigin(ctx.headers);
  const member: SignedInMember | undefined = ctx.headers
    ? await resolveMemberSession(ctx.database, ctx.headers)
    : undefined;
  const allowed = authorize(member, action);
  return next({ ctx: { member: allowed, session: allowed } });
});

/**
 * A procedure anyone may call, signed in or not, in no workspace: only for what a link's holder does
 * (an invitation). It must declare `.meta({ public: true })` (refused otherwise, so a forgotten action
 * never makes a procedure public); a mutation from a foreign Origin is refused as for the others.
 */
export const publicProcedure = t.procedure.use(appErrors).use(async ({ ctx, meta, path, type, next }) => {
  if (meta?.public !== true || meta.action !== undefined)
    throw new AppError("FORBIDDEN", { detail: `Procedure ${path} is not declared public; refusing.` });
  if (type === "mutation") refuseForeignOrigin(ctx.headers);
  return next();
});
