// PUT /customers/{id} — upsert a profile; POST /events — a customer event.
import "server-only";
import { createRoute, z } from "@hono/zod-openapi";
import type { Runtime } from "../../services/runtime";
import { handleCustomerEvent } from "../../services/customerEvents";
import { upsertCustomer } from "../../services/customers";
import { problemResponseSpec } from "../problem";
import { createAuthenticatedRouter } from "./authenticatedRouter";
import {
  CustomerEventResultSchema,
  CustomerEventSchema,
  CustomerProfileSchema,
  CustomerSchema,
  IdempotencyHeader,
} from "./runtimeSchemas";

const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });
const common = {
  400: problemResponseSpec("The request does not validate (VALIDATION_FAILED, INVALID_JSON)"),
  401: problemResponseSpec("Missing or invalid API key (UNAUTHORIZED)"),
  503: problemResponseSpec("The database does not answer (DATABASE_UNAVAILABLE)"),
};

const putCustomer = createRoute({
  method: "put",
  path: "/customers/{id}",
  operationId: "upsertCustomer",
  tags: ["Customers"],
  summary: "Create or update a customer profile",
  request: {
    params: z.object({
      id: z
        .string()
        .min(1)
        .max(200)
        .openapi({ param: { name: "id", in: "path" } }),
    }),
    body: { ...json(CustomerProfileSchema), required: true },
  },
  responses: {
    200: { description: "Updated", ...json(CustomerSchema) },
    201: { description: "Created", ...json(CustomerSchema) },
    ...common,
    409: problemResponseSpec("ADDRESS_TAKEN"),
  },
});

const postEvent = createRoute({
  method: "post",
  path: "/events",
  operationId: "sendCustomerEvent",
  tags: ["Customers"],
  summary: "A customer event: starts flows triggered by it and is delivered to interactions waiting for it",
  request: { headers: IdempotencyHeader, body: { ...json(CustomerEventSchema), required: true } },
  responses: {
    200: { description: "What it started and where it was delivered", ...json(CustomerEventResultSchema) },
    ...common,
    409: problemResponseSpec("IDEMPOTENCY_KEY_IN_USE, ADDRESS_TAKEN"),
    422: problemResponseSpec("IDEMPOTENCY_KEY_REUSED"),
  },
});

export function customerRoutes(runtime: Runtime) {
  const engine = runtime.engine;
  return createAuthenticatedRouter()
    .openapi(putCustomer, async (c) => {
      const { customer, created } = await upsertCustomer(
        engine.sql,
        c.get("caller").workspaceId,
        c.req.valid("param").id,
        c.req.valid("json"),
      );
      return created ? c.json(customer, 201) : c.json(customer, 200);
    })
    .openapi(postEvent, async (c) =>
      c.json(await handleCustomerEvent(runtime.database.db, engine, c.get("caller"), c.req.valid("json")), 200),
    );
}
