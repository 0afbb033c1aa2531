// Server-only module.
import { createTrpcRouter, studioProcedure } from "../trpc";
import { checkHealth } from "../../services/health";

export const systemRouter = createTrpcRouter({
  health: studioProcedure.meta({ action: "workspace.read" }).query(({ ctx }) => checkHealth(ctx.database)),
  session: studioProcedure.meta({ action: "workspace.read" }).query(({ ctx }) => ctx.session),
});
