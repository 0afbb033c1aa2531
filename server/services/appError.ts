// Server-only module: the one error type services throw. Each code is declared once here, with the HTTP
// status and title it maps to; server/http/problem.ts turns it into application/problem+json, and the
// tRPC layer (later) maps the same codes.

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
