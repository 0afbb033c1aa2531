// The one error type services throw. Each code is declared once here, with the HTTP
// status and title it maps to; server/http/problem.ts turns it into application/problem+json, and the
// tRPC error formatter (server/api/trpc.ts) maps the same codes.
import "server-only";

export const errorCodes = {
  INVALID_JSON: { status: 400, title: "Request body is not valid JSON" },
  VALIDATION_FAILED: { status: 400, title: "Request did not validate" },
  BAD_REQUEST: { status: 400, title: "Bad request" },
  UNAUTHORIZED: { status: 401, title: "Missing or invalid API key" },
  FORBIDDEN: { status: 403, title: "Not allowed" },
  NOT_FOUND: { status: 404, title: "Not found" },
  METHOD_NOT_ALLOWED: { status: 405, title: "Method not allowed" },
  CONFLICT: { status: 409, title: "Conflict" },
  PAYLOAD_TOO_LARGE: { status: 413, title: "Request body too large" },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: "Unsupported media type" },
  UNPROCESSABLE: { status: 422, title: "Request not processable" },
  TOO_MANY_REQUESTS: { status: 429, title: "Too many requests" },
  // The runtime's codes.
  FLOW_NOT_FOUND: { status: 404, title: "No such published flow" },
  FLOW_ARCHIVED: { status: 409, title: "The flow is archived" },
  INTERACTION_NOT_FOUND: { status: 404, title: "No such interaction" },
  FLOW_INVALID: { status: 422, title: "The flow document has errors" },
  CHANNEL_NOT_SUPPORTED: { status: 422, title: "The flow does not run on that channel" },
  EVENT_NOT_ACCEPTED: { status: 422, title: "Event not accepted" },
  INTERACTION_ENDED: { status: 409, title: "The interaction has ended" },
  CONCURRENT_UPDATE: { status: 409, title: "The interaction kept changing; try again" },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: "Idempotency key reused with another request" },
  IDEMPOTENCY_KEY_IN_USE: { status: 409, title: "A request with this idempotency key is still being answered" },
  TEST_CLOCK_FORBIDDEN: { status: 403, title: "Test clocks need a test API key" },
  INVALID_DURATION: { status: 400, title: "Not an ISO 8601 duration" },
  DURATION_OUT_OF_RANGE: { status: 400, title: "Duration out of range" },
  MESSAGE_NOT_FOUND: { status: 404, title: "No such message" },
  MESSAGE_STATUS_CONFLICT: { status: 409, title: "The message cannot take that status" },
  ADDRESS_TAKEN: { status: 409, title: "The channel address belongs to another customer" },
  WORKSPACE_NOT_FOUND: { status: 404, title: "No such workspace" },
  // The studio's codes.
  SCRIPT_HAS_ERRORS: { status: 422, title: "The script has lint errors; fix them before submitting" },
  // Studio sign-in and authorisation.
  SIGN_IN_REQUIRED: { status: 401, title: "Sign in required" },
  FOUR_EYES_REQUIRED: { status: 403, title: "Someone else must approve this change" },
  CROSS_SITE_REQUEST: { status: 403, title: "Cross-site request refused" },
  LAST_ADMIN: { status: 409, title: "A workspace needs at least one admin" },
  /** Unknown, used, revoked and expired invitation links all answer this one code. */
  INVITATION_INVALID: { status: 404, title: "This invitation link is not valid: it was used, revoked or has expired" },
  INVITATION_NEEDS_SIGN_IN: { status: 409, title: "This e-mail has an account: sign in to accept" },
  INVITATION_FOR_ANOTHER_USER: { status: 403, title: "This invitation is for another e-mail address" },
  WEBHOOK_TARGET_REFUSED: { status: 422, title: "Webhook target not allowed" },
  INTERNAL: { status: 500, title: "Internal error" },
  DATABASE_UNAVAILABLE: { status: 503, title: "Database unavailable" },
  UNAVAILABLE: { status: 503, title: "Service unavailable" },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof errorCodes;

export type AppErrorOptions = {
  detail?: string;
  /** Extra members of the problem document, e.g. `{ accepts: [...] }`. */
  extensions?: Record<string, unknown>;
  cause?: unknown;
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly extensions: Record<string, unknown>;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    const { status, title } = errorCodes[code];
    super(options.detail ?? title, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.status = status;
    this.title = title;
    this.detail = options.detail;
    this.extensions = options.extensions ?? {};
  }
}
