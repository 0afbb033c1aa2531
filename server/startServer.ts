// The one Node process of Journey Studio.
//
// A plain node:http server hands /api/v1/* to the Hono app (the runtime API) and everything else to
// Next's request handler (the studio). The API never passes through Next's request pipeline, which
// costs ~25× more CPU per request (see README, "Architecture").
//
//   tsx server/main.ts             production: serves the `next build` output
//   tsx server/main.ts --dev       Next in development mode (hot reload)
//   tsx server/main.ts --api-only  no Next at all (tests, benchmarks); also JOURNEY_API_ONLY=1
import "server-only";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getRequestListener } from "@hono/node-server";
import { serverConfig } from "./env";
import { closeDatabase, getDatabase } from "./db/client";
import { isDatabaseUnavailable } from "./db/databaseUnavailable";
import { runMigrations } from "./db/migrate";
import { createApiApp } from "./http/app";
import { runtimeFor } from "./services/runtime";
import { isApiPath } from "./http/isApiPath";
import { refuseWithoutHost } from "./http/refuseWithoutHost";
import { seedDefaultWorkspace } from "./services/seed";
import { PEER_IP_HEADER } from "./auth/authConfig";

type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

async function main(): Promise<void> {
  const config = serverConfig();
  if (!config.apiOnly) {
    // React and Next pick their builds from NODE_ENV; set it before either is loaded.
    Reflect.set(process.env, "NODE_ENV", process.env.NODE_ENV ?? (config.dev ? "development" : "production"));
  }

  const database = await getDatabase();
  // A Postgres server still starting (or failing over) is waited for, up to a minute, saying so.
  for (let attempt = 1; ; attempt++) {
    try {
      await runMigrations(database);
      break;
    } catch (error) {
      if (!isDatabaseUnavailable(error) || attempt >= 30) throw error;
      console.error(
        `The database does not answer (${error instanceof Error ? error.message : String(error)}); retrying`,
      );
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
  }
  await seedDefaultWorkspace(database.db);
  if (!config.apiOnly) await (await import("./auth/ensureFirstAdmin")).ensureFirstAdmin(database);

  const api = createApiApp({ database });
  // Hono's lighter Request/Response replace the globals only when Next is not in the process:
  // Next checks `instanceof Response` against the real ones.
  const apiListener: Handler = getRequestListener(api.fetch, { overrideGlobalObjects: config.apiOnly });

  let studio: Handler = (req, res) => apiListener(req, res);
  const server = createServer((req, res) => {
    if (refuseWithoutHost(req, res)) return;
    if (isApiPath(req.url)) void apiListener(req, res);
    else {
      // The sign-in rate limit keys on this; a client cannot choose it.
      req.headers[PEER_IP_HEADER] = req.socket.remoteAddress ?? "";
      void studio(req, res);
    }
  });

  let nextApp: { close(): Promise<void> } | undefined;
  if (!config.apiOnly) {
    const { default: next } = await import("next");
    const app = next({
      dev: config.dev,
      dir: projectRoot,
      hostname: config.host,
      port: config.port,
      httpServer: server,
    });
    await app.prepare();
    const handle = app.getRequestHandler();
    studio = (req, res) => handle(req, res);
    nextApp = app;
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const shownHost = config.host === "0.0.0.0" || config.host === "::" ? "127.0.0.1" : config.host;
  const mode = config.apiOnly ? "API only" : config.dev ? "development" : "production";
  console.log(`Journey Studio (${mode}, ${database.kind}) listening on http://${shownHost}:${port}`);

  let closing = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (closing) {
      console.log(`${signal} again: exiting now`);
      process.exit(1);
    }
    closing = true;
    shuttingDown = true;
    console.log(`${signal}: finishing open requests, then stopping`);
    setTimeout(() => {
      console.error("Shutdown took over 10 s: exiting");
      process.exit(1);
    }, 10_000).unref();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    await nextApp?.close().catch((error: unknown) => console.error("Closing Next failed:", error));
    await runtimeFor(database)
      .stopWorkers()
      .catch((error: unknown) => console.error("Stopping the runtime's workers failed:", error));
    await closeDatabase();
    process.exit(0);
  };
  process.on("SIGTERM", (signal) => void shutdown(signal));
  process.on("SIGINT", (signal) => void shutdown(signal));
}

// A database outage must not end the process: a rejection nobody awaited that is the database being
// away (a fire-and-forget write, say) is logged; any other keeps Node's default, which is to exit.
// (While shutting down, work still finishing may find the pool closed: that too is only logged.)
let shuttingDown = false;
process.on("unhandledRejection", (reason) => {
  if (isDatabaseUnavailable(reason) || shuttingDown) {
    console.error("[db] unavailable:", reason instanceof Error ? reason.message : String(reason));
    return;
  }
  console.error("Unhandled rejection:", reason);
  process.exit(1);
});

main().catch((error: unknown) => {
  console.error("Journey Studio failed to start:", error);
  process.exit(1);
});
