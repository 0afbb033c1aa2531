// The studio's tRPC API, one router per resource.
import "server-only";
import { createCallerFactory, createTrpcContext, createTrpcRouter } from "./trpc";
import { systemRouter } from "./routers/system";
import { flowsRouter } from "./routers/flows/flowsRouter";
import { scriptsRouter } from "./routers/scripts/scriptsRouter";
import { adminRouter } from "./routers/admin/adminRouter";
import { auditRouter } from "./routers/audit/auditRouter";
import { workspacesRouter } from "./routers/workspaces/workspacesRouter";
import { interactionsRouter } from "./routers/interactions/interactionsRouter";
import { analyticsRouter } from "./routers/analytics/analyticsRouter";
import { foldersRouter } from "./routers/folders/foldersRouter";
import { motRouter } from "./routers/mot/motRouter";
import { invitationsRouter } from "./routers/invitations/invitationsRouter";

export const appRouter = createTrpcRouter({
  system: systemRouter,
  flows: flowsRouter,
  scripts: scriptsRouter,
  admin: adminRouter,
  audit: auditRouter,
  workspaces: workspacesRouter,
  interactions: interactionsRouter,
  analytics: analyticsRouter,
  folders: foldersRouter,
  mot: motRouter,
  invitations: invitationsRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);

/** A caller for a page rendered on the server: the same procedures and checks, for this request's member. */
export async function createRequestCaller(headers: Headers) {
  return createCaller({ ...(await createTrpcContext()), headers });
}
