// The MOT rules in the studio (CONTRACT §7): the workspace policy, audience counts, the customer 360° view.
import "server-only";
import { z } from "zod";
import { segmentNameSchema } from "../../../../flows/policy";
import { sqlClientFor } from "../../../db/sqlClient";
import { countAudience } from "../../../services/mot/audienceCount";
import { customerView, searchCustomers } from "../../../services/mot/customerView";
import { getWorkspacePolicy, saveWorkspacePolicy } from "../../../services/mot/workspacePolicyDocument";
import { memberProcedure } from "../../authorize";
import { createTrpcRouter } from "../../trpc";
import { audienceCountOutput, customerHitsOutput, customerViewOutput, policyOutput } from "./motRouter.types";

export const motRouter = createTrpcRouter({
  policy: memberProcedure
    .meta({ action: "workspace.read" })
    .output(policyOutput)
    .query(async ({ ctx }) => ({
      document: await getWorkspacePolicy(sqlClientFor(ctx.database).query, ctx.member.workspaceId),
    })),
  savePolicy: memberProcedure
    .meta({ action: "settings.manage" })
    .input(z.object({ document: z.unknown() }))
    .output(policyOutput)
    .mutation(async ({ ctx, input }) => ({
      document: await saveWorkspacePolicy(sqlClientFor(ctx.database).query, ctx.member.workspaceId, input.document),
    })),
  audienceCount: memberProcedure
    .meta({ action: "flows.read" })
    .input(z.object({ audience: z.string().max(2000), segment: segmentNameSchema.optional() }))
    .output(audienceCountOutput)
    .query(({ ctx, input }) =>
      countAudience(sqlClientFor(ctx.database).query, ctx.member.workspaceId, input.audience, input.segment),
    ),
  searchCustomers: memberProcedure
    .meta({ action: "interactions.read" })
    .input(z.object({ text: z.string().max(200) }))
    .output(customerHitsOutput)
    .query(({ ctx, input }) => searchCustomers(sqlClientFor(ctx.database).query, ctx.member.workspaceId, input.text)),
  customer: memberProcedure
    .meta({ action: "interactions.read" })
    .input(z.object({ id: z.string().min(1).max(200) }))
    .output(customerViewOutput)
    .query(
      async ({ ctx, input }) =>
        (await customerView(sqlClientFor(ctx.database).query, ctx.member.workspaceId, input.id)) ?? null,
    ),
});
