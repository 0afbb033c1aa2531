// /interactions — start, read, list, send events, history, path, messages, test clock.
import "server-only";
import { createRoute, z } from "@hono/zod-openapi";
import type { Runtime } from "../../services/runtime";
import { cancelInteraction } from "../../runtime/cancelInteraction";
import { advanceTestClock } from "../../runtime/timers";
import { interactionHistory, interactionPath, listInteractions } from "../../services/interactions";
import { listMessages } from "../../services/messages";
import { problemResponseSpec } from "../problem";
import { createAuthenticatedRouter } from "./authenticatedRouter";
import {
  CancelSchema,
  ClockResultSchema,
  ClockSchema,
  EventSchema,
  HistoryEntrySchema,
  PathEntrySchema,
  IdempotencyHeader,
  IdParam,
  InteractionPageSchema,
  InteractionSchema,
  MessageSchema,
  StartInteractionSchema,
} from "./runtimeSchemas";

const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });
const common = {
  400: problemResponseSpec("The request does not validate (VALIDATION_FAILED, INVALID_JSON, DURATION_OUT_OF_RANGE)"),
  401: problemResponseSpec("Missing or invalid API key (UNAUTHORIZED)"),
  503: problemResponseSpec("The database does not answer (DATABASE_UNAVAILABLE)"),
};
const inUse = "IDEMPOTENCY_KEY_IN_USE: a request with this Idempotency-Key is still being answered";

const startRoute = createRoute({
  operationId: "startInteraction",
  method: "post",
  path: "/interactions",
  tags: ["Interactions"],
  summary: "Start a published flow",
  request: { headers: IdempotencyHeader, body: { ...json(StartInteractionSchema), required: true } },
  responses: {
    201: { description: "Started", ...json(InteractionSchema) },
    ...common,
    404: problemResponseSpec("No such published flow (FLOW_NOT_FOUND)"),
    409: problemResponseSpec(`The flow is archived (FLOW_ARCHIVED); ${inUse}`),
    422: problemResponseSpec("CHANNEL_NOT_SUPPORTED, IDEMPOTENCY_KEY_REUSED"),
  },
});

const listRoute = createRoute({
  operationId: "listInteractions",
  method: "get",
  path: "/interactions",
  tags: ["Interactions"],
  summary: "The workspace's interactions, newest first",
  request: {
    query: z.object({
      customer: z.string().max(200).optional(),
      flow: z.string().max(100).optional(),
      status: z.enum(["active", "waiting", "completed", "failed"]).optional(),
      cursor: z.string().max(500).optional(),
      limit: z.coerce.number().int().min(1).max(200).optional(),
    }),
  },
  responses: { 200: { description: "A page", ...json(InteractionPageSchema) }, ...common },
});

const getRoute = createRoute({
  operationId: "getInteraction",
  method: "get",
  path: "/interactions/{id}",
  tags: ["Interactions"],
  summary: "One interaction",
  request: { params: IdParam },
  responses: {
    200: { description: "The interaction", ...json(InteractionSchema) },
    ...common,
    404: problemResponseSpec("INTERACTION_NOT_FOUND"),
  },
});

const eventRoute = createRoute({
  operationId: "sendInteractionEvent",
  method: "post",
  path: "/interactions/{id}/events",
  tags: ["Interactions"],
  summary: "Send an event to the interaction's current step",
  request: { params: IdParam, headers: IdempotencyHeader, body: { ...json(EventSchema), required: true } },
  responses: {
    200: { description: "The interaction after the event", ...json(InteractionSchema) },
    ...common,
    404: problemResponseSpec("INTERACTION_NOT_FOUND"),
    409: problemResponseSpec(`INTERACTION_ENDED, CONCURRENT_UPDATE; ${inUse}`),
    422: problemResponseSpec("EVENT_NOT_ACCEPTED (with `accepts`), IDEMPOTENCY_KEY_REUSED"),
  },
});

const historyRoute = createRoute({
  operationId: "getInteractionHistory",
  method: "get",
  path: "/interactions/{id}/history",
  tags: ["Interactions"],
  summary: "The ordered event log",
  request: { params: IdParam },
  responses: {
    200: { description: "Events by seq", ...json(z.object({ data: z.array(HistoryEntrySchema) })) },
    ...common,
    404: problemResponseSpec("INTERACTION_NOT_FOUND"),
  },
});

const pathRoute = createRoute({
  operationId: "getInteractionPath",
  method: "get",
  path: "/interactions/{id}/path",
  tags: ["Interactions"],
  summary: "Every node visited, passing ones included, in order",
  request: { params: IdParam },
  responses: {
    200: { description: "The path, in order", ...json(z.object({ data: z.array(PathEntrySchema) })) },
    ...common,
    404: problemResponseSpec("INTERACTION_NOT_FOUND"),
  },
});

const messagesRoute = createRoute({
  operationId: "listInteractionMessages",
  method: "get",
  path: "/interactions/{id}/messages",
  tags: ["Interactions"],
  summary: "The interaction's messages with their delivery state and attempts, in order",
  request: { params: IdParam },
  responses: {
    200: { description: "The messages", ...json(z.object({ data: z.array(MessageSchema) })) },
    ...common,
    404: problemResponseSpec("INTERACTION_NOT_FOUND"),
  },
});

const clockRoute = createRoute({
  operationId: "advanceTestClock",
  method: "post",
  path: "/interactions/{id}/clock",
  tags: ["Interactions"],
  summary: "Test mode: move the interaction's clock forward, firing due timers in order",
  request: { params: IdParam, headers: IdempotencyHeader, body: { ...json(ClockSchema), required: true } },
  responses: {
    200: {
      description: "The interaction after the timers fired",
      ...json(ClockResultSchema),
    },
    ...common,
    403: problemResponseSpec("TEST_CLOCK_FORBIDDEN: a live key"),
    404: problemResponseSpec("INTERACTION_NOT_FOUND"),
    409: problemResponseSpec(inUse),
    422: problemResponseSpec("IDEMPOTENCY_KEY_REUSED"),
  },
});

const cancelRoute = createRoute({
  operationId: "cancelInteraction",
  method: "post",
  path: "/interactions/{id}/cancel",
  tags: ["Interactions"],
  summary: 'End a running interaction: status "failed", outcome "cancelled", its timers cancelled',
  request: { params: IdParam, headers: IdempotencyHeader, body: { ...json(CancelSchema), required: false } },
  responses: {
    200: { description: "The cancelled interaction", ...json(InteractionSchema) },
    ...common,
    404: problemResponseSpec("INTERACTION_NOT_FOUND"),
    409: problemResponseSpec(`INTERACTION_ENDED; ${inUse}`),
    422: problemResponseSpec("IDEMPOTENCY_KEY_REUSED"),
  },
});

export function interactionRoutes(runtime: Runtime) {
  const engine = runtime.engine;
  return createAuthenticatedRouter()
    .openapi(startRoute, async (c) =>
      c.json(await engine.start(c.get("caller"), c.req.valid("json"), { idempotency: c.get("idempotencyClaim") }), 201),
    )
    .openapi(listRoute, async (c) => c.json(await listInteractions(engine, c.get("caller"), c.req.valid("query")), 200))
    .openapi(getRoute, async (c) => c.json(await engine.get(c.get("caller"), c.req.valid("param").id), 200))
    .openapi(eventRoute, async (c) =>
      c.json(
        await engine.send(c.get("caller"), c.req.valid("param").id, c.req.valid("json"), {
          idempotency: c.get("unclaimedKey") ?? c.get("idempotencyClaim"),
        }),
        200,
      ),
    )
    .openapi(historyRoute, async (c) =>
      c.json({ data: await interactionHistory(engine, c.get("caller"), c.req.valid("param").id) }, 200),
    )
    .openapi(pathRoute, async (c) =>
      c.json({ data: await interactionPath(engine, c.get("caller"), c.req.valid("param").id) }, 200),
    )
    .openapi(messagesRoute, async (c) =>
      c.json({ data: await listMessages(engine, c.get("caller"), c.req.valid("param").id) }, 200),
    )
    .openapi(cancelRoute, async (c) =>
      c.json(await cancelInteraction(engine, c.get("caller"), c.req.valid("param").id, c.req.valid("json") ?? {}), 200),
    )
    .openapi(clockRoute, async (c) =>
      c.json(
        await advanceTestClock(engine, c.get("caller"), c.req.valid("param").id, c.req.valid("json").advance),
        200,
      ),
    );
}
