// Every error of /api/v1 leaves through here as application/problem+json (RFC 9457)
// with a stable `code`. Routes throw AppError; Hono's own errors (body limit, malformed JSON) and
// anything unexpected are mapped below. Unexpected errors are logged and answered 500 INTERNAL.
import "server-only";
import { randomUUID } from "node:crypto";
import type { ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { z } from "@hono/zod-openapi";
import { AppError, type ErrorCode } from "../errors/appError";
import { databaseTimeouts } from "../env";
import { isDatabaseUnavailable } from "../db/databaseUnavailable";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export const ProblemSchema = z
  .looseObject({
    type: z.string().openapi({ example: "about:blank" }),
    title: z.string(),
    status: z.number().int(),
    code: z.string().openapi({ example: "NOT_FOUND" }),
    detail: z.string().optional(),
  })
  .openapi("Problem");

export type Problem = z.infer<typeof ProblemSchema>;

/** For route definitions: `responses: { 404: problemResponseSpec("No such interaction") }`. */
export function problemResponseSpec(description: string) {
  return { description, content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } } };
}

export function problemOf(error: AppError): Problem {
  return {
    ...error.extensions,
    type: "about:blank",
    title: error.title,
    status: error.status,
    code: error.code,
    ...(error.detail === undefined ? {} : { detail: error.detail }),
  };
}

const retryAfter = String(databaseTimeouts().retryAfterSeconds);

/** A 503 tells the client when to try again (Retry-After, seconds). */
export function problemResponse(error: AppError, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problemOf(error)), {
    status: error.status,
    headers: {
      ...(error.status === 503 ? { "retry-after": retryAfter } : {}),
      ...headers,
      "content-type": PROBLEM_CONTENT_TYPE,
    },
  });
}

const codeForStatus: Partial<Record<number, ErrorCode>> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  422: "UNPROCESSABLE",
  429: "TOO_MANY_REQUESTS",
  503: "UNAVAILABLE",
};

/** Maps anything thrown to an AppError; `expected: false` means it was a bug, to be logged. */
export function toAppError(error: unknown): { error: AppError; expected: boolean } {
  if (error instanceof AppError)
    return { error, expected: error.status < 500 || error.code === "DATABASE_UNAVAILABLE" };
  // The database is down, restarting or too slow: not a bug, and the client may retry.
  if (isDatabaseUnavailable(error)) return { error: databaseUnavailable(error), expected: true };
  if (error instanceof HTTPException) {
    if (error.status === 400 && error.message.startsWith("Malformed JSON")) {
      return { error: new AppError("INVALID_JSON", { detail: error.message, cause: error }), expected: true };
    }
    const code = codeForStatus[error.status];
    if (code)
      return {
        error: new AppError(code, { detail: error.message || undefined, cause: error }),
        expected: error.status < 500,
      };
  }
  return { error: new AppError("INTERNAL", { cause: error }), expected: false };
}

/** 503 DATABASE_UNAVAILABLE for an error that isDatabaseUnavailable says is the database being away. */
export function databaseUnavailable(cause: unknown): AppError {
  return new AppError("DATABASE_UNAVAILABLE", {
    detail: "The database is unreachable or did not answer in time; retry shortly.",
    cause,
  });
}

let lastUnavailableLog = 0;

export const onError: ErrorHandler = (thrown, c) => {
  const { error, expected } = toAppError(thrown);
  if (error.code === "DATABASE_UNAVAILABLE" && Date.now() - lastUnavailableLog > 5_000) {
    // Logged once per 5 s at most: an outage fails every request at once.
    lastUnavailableLog = Date.now();
    const cause = error.cause instanceof Error ? error.cause.message : String(error.cause);
    console.error(`[api] ${c.req.method} ${c.req.path} → 503 DATABASE_UNAVAILABLE: ${cause}`);
  }
  if (expected) return problemResponse(error);
  // A bug: log it with an id the caller can quote, and tell the caller nothing more.
  const errorId = randomUUID();
  console.error(`[api] ${c.req.method} ${c.req.path} → ${error.status} ${error.code} (error ${errorId})`, thrown);
  return problemResponse(
    new AppError(error.code, {
      ...(error.detail ? { detail: error.detail } : {}),
      extensions: { ...error.extensions, errorId },
    }),
  );
};

export const notFound: NotFoundHandler = (c) =>
  problemResponse(new AppError("NOT_FOUND", { detail: `No route for ${c.req.method} ${c.req.path}` }));

/** For hono's bodyLimit middleware. */
export function payloadTooLarge(maxBytes: number): Response {
  return problemResponse(new AppError("PAYLOAD_TOO_LARGE", { detail: `The body must not exceed ${maxBytes} bytes.` }));
}

/** Validation failures from zod (request params, query, body), as 400 VALIDATION_FAILED. */
export function validationProblem(issues: readonly z.core.$ZodIssue[]): Response {
  return validationFailed(
    issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message, code: i.code })),
  );
}

/** 400 VALIDATION_FAILED with `errors: [{ path, message, code }]`. */
export function validationFailed(errors: ReadonlyArray<{ path: string; message: string; code: string }>): Response {
  return problemResponse(
    new AppError("VALIDATION_FAILED", {
      detail: errors.map((e) => `${e.path || "(root)"}: ${e.message}`).join("; "),
      extensions: { errors },
    }),
  );
}
