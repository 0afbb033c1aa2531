// POST /messages/{id}/status — a provider's delivery report (CONTRACT §5).
import "server-only";
import { createRoute, z } from "@hono/zod-openapi";
import type { Runtime } from "../../services/runtime";
import { reportMessageStatus } from "../../services/messages";
import { problemResponseSpec } from "../problem";
import { createAuthenticatedRouter } from "./authenticatedRouter";
import { DeliveryReportSchema, IdempotencyHeader, IdParam, MessageSchema } from "./runtimeSchemas";

const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });

const statusRoute = createRoute({
  operationId: "reportMessageStatus",
  method: "post",
  path: "/messages/{id}/status",
  tags: ["Messages"],
  summary: "A provider reports a message delivered or failed",
  request: { params: IdParam, headers: IdempotencyHeader, body: { ...json(DeliveryReportSchema), required: true } },
  responses: {
    200: { description: "The message after the report", ...json(MessageSchema) },
    400: problemResponseSpec("The request does not validate (VALIDATION_FAILED, INVALID_JSON)"),
    401: problemResponseSpec("Missing or invalid API key (UNAUTHORIZED)"),
    404: problemResponseSpec("MESSAGE_NOT_FOUND (also for another workspace's message)"),
    409: problemResponseSpec(
      "MESSAGE_STATUS_CONFLICT: the message was skipped, failed or delivered already; IDEMPOTENCY_KEY_IN_USE",
    ),
    422: problemResponseSpec("IDEMPOTENCY_KEY_REUSED"),
    503: problemResponseSpec("The database does not answer (DATABASE_UNAVAILABLE)"),
  },
});

export function messageRoutes(runtime: Runtime) {
  return createAuthenticatedRouter().openapi(statusRoute, async (c) =>
    c.json(
      await reportMessageStatus(runtime.engine, c.get("caller"), c.req.valid("param").id, c.req.valid("json")),
      200,
    ),
  );
}
