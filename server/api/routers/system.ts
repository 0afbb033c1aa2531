// .
import "server-only";
import { createTrpcRouter, studioProcedure } from "../trpc";
import { checkHealth } from "../../services/health";
import { actions, can } from "../../auth/policy";
import { healthOutput, sessionOutput } from "./system.types";

export const systemRouter = createTrpcRouter({
  health: studioProcedure
    .meta({ action: "workspace.read" })
    .output(healthOutput)
    .query(({ ctx }) => checkHealth(ctx.database)),
  /** Who is signed in, and what their role lets them do (the studio hides what it may not). */
  session: studioProcedure
    .meta({ action: "workspace.read" })
    .output(sessionOutput)
    .query(({ ctx }) => ({
      ...ctx.session,
      permissions: actions.filter((action) =>
        can(ctx.session.user.role, action, { instanceAdmin: ctx.member.user.instanceAdmin }),
      ),
    })),
});
