// GET /api/v1/health — is the server up and the database answering?
import "server-only";
import { createRoute, z } from "@hono/zod-openapi";
import { checkHealth } from "../../services/health";
import { AppError } from "../../errors/appError";
import { problemResponseSpec } from "../problem";
import { createApiRouter, type ApiDeps } from "../apiRouter";

export const HealthSchema = z
  .object({
    ok: z.literal(true),
    db: z.enum(["pglite", "postgres"]).openapi({ description: "Which database the server runs on" }),
  })
  .openapi("Health");

const getHealth = createRoute({
  method: "get",
  path: "/health",
  operationId: "getHealth",
  tags: ["System"],
  summary: "Is the server up and its database answering?",
  security: [],
  responses: {
    200: { description: "Up", content: { "application/json": { schema: HealthSchema } } },
    503: problemResponseSpec("The database does not answer (code DATABASE_UNAVAILABLE)"),
  },
});

export function healthRoutes(deps: ApiDeps) {
  return createApiRouter().openapi(getHealth, async (c) => {
    const health = await checkHealth(deps.database).catch((cause: unknown) => {
      throw new AppError("DATABASE_UNAVAILABLE", {
        detail: `The database does not answer: ${cause instanceof Error ? cause.message : String(cause)}`,
        extensions: { ok: false, db: deps.database.kind, database: "unreachable" },
        cause,
      });
    });
    return c.json(health, 200);
  });
}
