// How every /api/v1 resource builds its router, so validation failures look the same everywhere.
import "server-only";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Database } from "../db/client";
import { validationProblem } from "./problem";

/** What routes need from the outside world; passed in, so tests can hand in their own. */
export type ApiDeps = {
  database: Database;
};

export type ApiEnv = Record<string, never>;

/** An OpenAPIHono whose zod validation failures answer 400 VALIDATION_FAILED as problem+json. */
export function createApiRouter(): OpenAPIHono<{ Variables: ApiEnv }> {
  return new OpenAPIHono<{ Variables: ApiEnv }>({
    defaultHook: (result) => {
      if (!result.success) return validationProblem(result.error.issues);
      return undefined;
    },
  });
}
