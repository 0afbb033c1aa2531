// Server-only module: tRPC's context, error formatting and procedures for the studio's own calls.
import { initTRPC, TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { z } from "zod";
import { getDatabase } from "../db/client";
import type { Database } from "../db/client";
import { AppError } from "../services/appError";
import { resolveStudioSession } from "../services/studioSession";
import type { StudioSession } from "../services/studioSession";
import type { ProcedureMeta } from "./authorize";

/** `headers`: the request's (the better-auth session cookie is read from them by server/api/authorize.ts). */
export type TrpcContext = { database: Database; session: StudioSession; headers?: Headers };

export async function createTrpcContext(options?: { req?: Request }): Promise<TrpcContext> {
  const database = await getDatabase();
  return { database, session: await resolveStudioSession(database.db), headers: options?.req?.headers };
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
};

const t = initTRPC.context<TrpcContext>().meta<ProcedureMeta>().create({
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
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: trpcCodeForStatus[cause.status] ?? "INTERNAL_SERVER_ERROR", message: cause.detail ?? cause.title, cause });
  }
  return result;
});

export const createTrpcRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Every studio procedure: acts within the caller's workspace. Authorisation per role comes with issue 6. */
export const studioProcedure = t.procedure.use(appErrors);
