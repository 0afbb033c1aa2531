// The studio's interactions: the list and one interaction's replay.
import "server-only";
import { can } from "../../../auth/policy";
import { interactionReplay, listStudioInteractions } from "../../../services/interactions/studioInteractions";
import { createTrpcRouter, studioProcedure } from "../../trpc";
import { listInteractionsInput, listInteractionsOutput, replayInput, replayOutput } from "./interactionsRouter.types";

export const interactionsRouter = createTrpcRouter({
  list: studioProcedure
    .meta({ action: "interactions.read" })
    .input(listInteractionsInput)
    .output(listInteractionsOutput)
    .query(({ ctx, input }) => listStudioInteractions(ctx.database, ctx.session.workspaceId, input)),
  replay: studioProcedure
    .meta({ action: "interactions.read" })
    .input(replayInput)
    .output(replayOutput)
    .query(({ ctx, input }) =>
      interactionReplay(ctx.database, ctx.session.workspaceId, input.id, {
        maskAddresses: !can(ctx.session.user.role, "interactions.read"),
      }),
    ),
});
