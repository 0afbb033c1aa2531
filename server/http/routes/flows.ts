// GET /flows — the workspace's published flows.
import "server-only";
import { createRoute, z } from "@hono/zod-openapi";
import type { Runtime } from "../../services/runtime";
import { listPublishedFlows } from "../../services/publishing";
import { flowAnalytics } from "../../services/analytics/flowAnalytics";
import { variantFigures } from "../../services/analytics/variantFigures";
import { analyticsDays, flowAnalyticsRoute, flowVariantsRoute } from "./flowAnalyticsRoute";
import { problemResponseSpec } from "../problem";
import { createAuthenticatedRouter } from "./authenticatedRouter";
import { PublishedFlowSchema } from "./runtimeSchemas";

const listFlows = createRoute({
  method: "get",
  path: "/flows",
  operationId: "listFlows",
  tags: ["Flows"],
  summary: "Published flows: key, name, kind, latest version",
  responses: {
    200: {
      description: "Published flows",
      content: { "application/json": { schema: z.object({ data: z.array(PublishedFlowSchema) }) } },
    },
    401: problemResponseSpec("Missing or invalid API key (UNAUTHORIZED)"),
    503: problemResponseSpec("The database does not answer (DATABASE_UNAVAILABLE)"),
  },
});

export function flowRoutes(runtime: Runtime) {
  return createAuthenticatedRouter()
    .openapi(flowAnalyticsRoute, async (c) => {
      const caller = c.get("caller");
      const { version, channel, ...days } = c.req.valid("query");
      const figures = await flowAnalytics(runtime.engine.sql.query, {
        workspaceId: caller.workspaceId,
        test: caller.mode === "test",
        flow: c.req.valid("param").key,
        ...analyticsDays(days),
        ...(version !== undefined ? { version } : {}),
        ...(channel !== undefined ? { channel } : {}),
      });
      return c.json(figures, 200);
    })
    .openapi(flowVariantsRoute, async (c) => {
      const caller = c.get("caller");
      const { channel, ...query } = c.req.valid("query");
      const flow = c.req.valid("param").key;
      const days = analyticsDays(query);
      const data = await variantFigures(runtime.engine.sql.query, {
        workspaceId: caller.workspaceId,
        test: caller.mode === "test",
        flow,
        ...days,
        ...(channel !== undefined ? { channel } : {}),
      });
      return c.json({ flow, ...days, data }, 200);
    })
    .openapi(listFlows, async (c) => {
      const flows = await listPublishedFlows(runtime.database.db, c.get("caller").workspaceId);
      return c.json(
        {
          data: flows.map(({ key, name, kind, version, channels, trigger, publishedAt }) => ({
            key,
            name,
            kind,
            version,
            channels,
            trigger,
            publishedAt,
          })),
        },
        200,
      );
    });
}
