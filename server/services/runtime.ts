// One runtime per open database: the engine, API-key authentication and the
// background workers (timer sweeps and start triggers on pg-boss, outbox delivery).
import "server-only";
import type { Database } from "../db/client";
import { env } from "../env";
import { createApiKeyAuthenticator } from "../auth/apiKeys";
import type { Concurrency, Engine } from "../runtime/engine";
import { sqlClientFor } from "../db/sqlClient";
import { startWorkers, type Workers } from "../runtime/workers";
import { createRuntimeEngine } from "./runtimeEngine";

export type Runtime = {
  database: Database;
  engine: Engine;
  authenticate: ReturnType<typeof createApiKeyAuthenticator>;
  /** Starts the timer sweeper and outbox worker once; later calls return the same handle. */
  startWorkers(): Workers;
  stopWorkers(): Promise<void>;
};

const runtimes = new WeakMap<Database, Runtime>();

export function runtimeFor(database: Database, options: { concurrency?: Concurrency } = {}): Runtime {
  const existing = runtimes.get(database);
  if (existing) return existing;
  const sql = sqlClientFor(database);
  const engine = createRuntimeEngine(sql, {
    concurrency: options.concurrency ?? env().JOURNEY_CONCURRENCY,
  });
  let workers: Workers | undefined;
  const runtime: Runtime = {
    database,
    engine,
    authenticate: createApiKeyAuthenticator(sql.query),
    startWorkers() {
      workers ??= startWorkers(engine, database);
      return workers;
    },
    async stopWorkers() {
      const running = workers;
      workers = undefined;
      await running?.stop();
    },
  };
  runtimes.set(database, runtime);
  return runtime;
}
