// The studio's analytics: a flow's figures (the same as GET /api/v1/flows/{key}/analytics).
import "server-only";
import { sqlClientFor } from "../../../db/sqlClient";
import { flowAnalytics } from "../../../services/analytics/flowAnalytics";
import { createTrpcRouter, studioProcedure } from "../../trpc";
import { flowFiguresInput, flowFiguresOutput } from "./analyticsRouter.types";

export const analyticsRouter = createTrpcRouter({
  flow: studioProcedure
    .meta({ action: "analytics.read" })
    .input(flowFiguresInput)
    .output(flowFiguresOutput)
    .query(({ ctx, input }) => {
      const to = input.to ?? new Date().toISOString().slice(0, 10);
      const from = input.from ?? new Date(Date.parse(to) - 29 * 86_400_000).toISOString().slice(0, 10);
      return flowAnalytics(sqlClientFor(ctx.database).query, {
        workspaceId: ctx.session.workspaceId,
        test: input.test ?? false,
        flow: input.flow,
        from,
        to,
        ...(input.version !== undefined ? { version: input.version } : {}),
        ...(input.channel !== undefined ? { channel: input.channel } : {}),
      });
    }),
});
