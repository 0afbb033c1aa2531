// The studio's analytics: a flow's figures (the same as GET /api/v1/flows/{key}/analytics).
import "server-only";
import { sqlClientFor } from "../../../db/sqlClient";
import { flowAnalytics } from "../../../services/analytics/flowAnalytics";
import { createTrpcRouter, studioProcedure } from "../../trpc";
import { voiceOfCustomer } from "../../../services/analytics/voiceOfCustomer";
import { variantFigures } from "../../../services/analytics/variantFigures";
import { driverRules, readDriverTaxonomy, saveDriverTaxonomy } from "../../../services/analytics/analyticsDrivers";
import {
  driverTaxonomyOutput,
  saveDriversInput,
  flowFiguresInput,
  flowFiguresOutput,
  variantsInput,
  variantsOutput,
  voiceInput,
  voiceOutput,
} from "./analyticsRouter.types";

/** The days asked for: `to` defaults to today, `from` to 29 days before it. */
function days(input: { from?: string; to?: string }): { from: string; to: string } {
  const to = input.to ?? new Date().toISOString().slice(0, 10);
  return { from: input.from ?? new Date(Date.parse(to) - 29 * 86_400_000).toISOString().slice(0, 10), to };
}

export const analyticsRouter = createTrpcRouter({
  flow: studioProcedure
    .meta({ action: "analytics.read" })
    .input(flowFiguresInput)
    .output(flowFiguresOutput)
    .query(({ ctx, input }) =>
      flowAnalytics(sqlClientFor(ctx.database).query, {
        workspaceId: ctx.session.workspaceId,
        test: input.test ?? false,
        flow: input.flow,
        ...days(input),
        ...(input.version !== undefined ? { version: input.version } : {}),
        ...(input.channel !== undefined ? { channel: input.channel } : {}),
      }),
    ),
  voice: studioProcedure
    .meta({ action: "analytics.read" })
    .input(voiceInput)
    .output(voiceOutput)
    .query(async ({ ctx, input }) =>
      voiceOfCustomer(
        sqlClientFor(ctx.database).query,
        {
          workspaceId: ctx.session.workspaceId,
          test: input.test ?? false,
          flow: input.flow,
          ...days(input),
          ...(input.node !== undefined ? { node: input.node } : {}),
          ...(input.channel !== undefined ? { channel: input.channel } : {}),
        },
        (await driverRules(ctx.database.db, ctx.session.workspaceId)).rules,
      ),
    ),
  /** The drivers taxonomy VOC tags comments with (the default one while the workspace has none). */
  drivers: studioProcedure
    .meta({ action: "analytics.read" })
    .output(driverTaxonomyOutput)
    .query(({ ctx }) => readDriverTaxonomy(ctx.database.db, ctx.session.workspaceId)),
  saveDrivers: studioProcedure
    .meta({ action: "drivers.edit" })
    .input(saveDriversInput)
    .output(driverTaxonomyOutput)
    .mutation(({ ctx, input }) => saveDriverTaxonomy(ctx.database.db, ctx.session, input)),
  variants: studioProcedure
    .meta({ action: "analytics.read" })
    .input(variantsInput)
    .output(variantsOutput)
    .query(({ ctx, input }) =>
      variantFigures(sqlClientFor(ctx.database).query, {
        workspaceId: ctx.session.workspaceId,
        test: input.test ?? false,
        flow: input.flow,
        ...days(input),
        ...(input.channel !== undefined ? { channel: input.channel } : {}),
      }),
    ),
});
