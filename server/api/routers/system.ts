// Server-only module.
import { createTrpcRouter, studioProcedure } from "../trpc";
import { checkHealth } from "../../services/health";

export const systemRouter = createTrpcRouter({
  health: studioProcedure.query(({ ctx }) => checkHealth(ctx.database)),
  session: studioProcedure.query(({ ctx }) => ctx.session),
});
