// The runtime HTTP API (/api/v1), a lean Hono app reached without going through Next.
// One file per resource under routes/; each returns a router that is mounted below.
import "server-only";
import { API_BASE } from "./isApiPath";
import { readBody } from "./nodeBody";
import { notFound, onError } from "./problem";
import { refuseUnsafeInput } from "./refuseUnsafeInput";
import { createApiRouter, type ApiDeps } from "./apiRouter";
import { healthRoutes } from "./routes/health";
import { authenticatedRoutes } from "./routes/authenticatedRoutes";
import { registerWebhookEvents } from "./routes/webhookEvents";

export { API_BASE };
export const MAX_BODY_BYTES = 1024 * 1024;

export function createApiApp(deps: ApiDeps) {
  const app = createApiRouter();
  app.onError(onError);
  app.notFound(notFound);
  app.use("*", readBody(MAX_BODY_BYTES));
  app.use("*", refuseUnsafeInput());

  app.route(API_BASE, healthRoutes(deps));
  app.route(API_BASE, authenticatedRoutes(deps));
  registerWebhookEvents(app);

  app.openAPIRegistry.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
    description: "An API key of the workspace: `Authorization: Bearer <key>`",
  });
  // Built on first request, then served from memory. Not `app.doc31`: its own error answer is not
  // problem+json and is not logged; a mistake in a route's schema should be both.
  let openApiDocument: ReturnType<typeof app.getOpenAPI31Document> | undefined;
  app.get(`${API_BASE}/openapi.json`, (c) => {
    openApiDocument ??= app.getOpenAPI31Document({
      openapi: "3.1.0",
      info: {
        title: "Journey Studio runtime API",
        version: "1.1.0",
        license: { name: "MIT", url: "https://opensource.org/licenses/MIT" },
        description:
          "Start and drive customer journeys. Errors are application/problem+json (RFC 9457) with a stable `code`.",
      },
      servers: [{ url: "/", description: "This server (paths begin with /api/v1)" }],
      security: [{ apiKey: [] }],
    });
    return c.json(openApiDocument);
  });
  return app;
}

export type ApiApp = ReturnType<typeof createApiApp>;
