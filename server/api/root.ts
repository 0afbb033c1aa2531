// Server-only module: the studio's tRPC API, one router per resource.
import { createCallerFactory, createTrpcRouter } from "./trpc";
import { systemRouter } from "./routers/system";
import { scriptsRouter } from "./routers/scripts/scriptsRouter";

export const appRouter = createTrpcRouter({
  system: systemRouter,
  scripts: scriptsRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
