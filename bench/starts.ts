// Interaction starts/s through the service and through HTTP (the real server process), in interleaved
// rounds, so that HTTP / service compares figures taken seconds apart (issue 17: ≥ 2,000/s over HTTP,
// HTTP ≥ 0.8× of the service). A shorter companion of bench/runtime.ts's (d) and (d').
// Run: npx tsx bench/starts.ts [postgres://postgres@127.0.0.1:5432/test] [--rounds 5]
// PROFILE_DIR=/tmp/prof writes the server process's CPU profile there (node --cpu-prof).
import { loadavg } from "node:os";
import type { Caller } from "../server/runtime/engine";
import { startServer } from "../test/runtime/serverProcess";
import { cpuOf, apiPoster } from "./benchProcess";

await import("../server/allowServerOnly.mjs"); // before any server module (see it)
const { openBenchDatabase } = await import("./benchDatabase");
const { createApiKey } = await import("../server/auth/apiKeys");
const { createRuntimeEngine } = await import("../server/services/runtimeEngine");
const { sqlClientFor } = await import("../server/db/sqlClient");

const args = process.argv.slice(2);
const adminUrl = args.find((a) => a.startsWith("postgres")) ?? "postgres://postgres@127.0.0.1:5432/test";
const ROUNDS = Number(args[args.indexOf("--rounds") + 1] ?? 5) || 5;
const CLIENTS = 16;
const ROUND_SECONDS = 2;

let lastOps = 0;
/** Runs `op` in CLIENTS loops for `seconds`; returns ops/s (and leaves the count in lastOps). */
async function perSecond(op: () => Promise<void>, seconds: number): Promise<number> {
  let ops = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < until) {
        await op();
        ops++;
      }
    }),
  );
  lastOps = ops;
  return ops / ((performance.now() - started) / 1000);
}

const bench = await openBenchDatabase(adminUrl, { clients: CLIENTS, flows: ["counter"] });
const { database, workspaceId } = bench;
const benchUrl = bench.url;
try {
  const caller: Caller = { workspaceId, mode: "live" };
  const sql = sqlClientFor(database);
  const engine = createRuntimeEngine(sql);
  const key = (await createApiKey(sql.query, workspaceId, "bench", "live")).key;
  const profileDir = process.env.PROFILE_DIR;
  const server = await startServer(
    { databaseUrl: benchUrl },
    {
      DATABASE_POOL_MAX: String(CLIENTS),
      JOURNEY_WORKERS: "off",
      JOURNEY_EXAMPLES: "off",
    },
    profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [],
  );
  const body = JSON.stringify({ flow: "test-counter", channel: "chat", customer: { id: "bench-http" } });
  const { post: postTo, close } = apiPoster(server.url, key, CLIENTS);
  const post = () => postTo("/interactions", body, undefined, 201);
  const viaService = () =>
    engine
      .start(caller, { flow: "test-counter", channel: "chat", customer: { id: "bench-starts" } })
      .then(() => undefined);
  // Warm-ups (JIT, caches, the server's first seconds), then statistics for the planner: this
  // machine's Postgres has autovacuum off.
  await perSecond(viaService, 2);
  await perSecond(post, 6);
  await sql.query("analyze");
  // On a shared machine throughput follows the share of the CPU this run gets; the CPU each start
  // costs (this process, the server process and every Postgres backend of the run's database) does not.
  const backends = async () => bench.backendPids();
  const serverPid = server.child.pid ?? 0;
  const cpuNow = async () => {
    const pids = await backends();
    return { pids, at: new Map([...pids, serverPid].map((pid) => [pid, cpuOf(pid)])), self: process.cpuUsage() };
  };
  /** Milliseconds of CPU per op of `run`, all processes together. */
  const cpuPerOp = async (run: () => Promise<number>) => {
    const before = await cpuNow();
    const rate = await run();
    const after = await cpuNow();
    let seconds = 0;
    for (const [pid, cpu] of before.at) seconds += cpuOf(pid) - cpu;
    for (const pid of after.pids) if (!before.at.has(pid)) seconds += cpuOf(pid);
    const self = process.cpuUsage(before.self);
    seconds += (self.user + self.system) / 1e6;
    return { rate, ms: (seconds * 1000) / lastOps };
  };
  const rounds: Array<{ service: number; http: number; serviceMs: number; httpMs: number }> = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const service = await cpuPerOp(() => perSecond(viaService, ROUND_SECONDS));
    const http = await cpuPerOp(() => perSecond(post, ROUND_SECONDS));
    rounds.push({ service: service.rate, http: http.rate, serviceMs: service.ms, httpMs: http.ms });
    console.log(
      `round ${round}: service ${service.rate.toFixed(0)}/s (${service.ms.toFixed(2)} ms CPU each), HTTP ${http.rate.toFixed(0)}/s (${http.ms.toFixed(2)} ms CPU each), HTTP / service ${(http.rate / service.rate).toFixed(2)}`,
    );
  }
  const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] ?? NaN;
  console.log(
    `median: service ${median(rounds.map((r) => r.service)).toFixed(0)}/s, HTTP ${median(rounds.map((r) => r.http)).toFixed(0)}/s, HTTP / service ${median(rounds.map((r) => r.http / r.service)).toFixed(2)} (targets: HTTP ≥ 2,000/s, ≥ 0.80)`,
  );
  console.log(
    `median CPU per start, all processes: service ${median(rounds.map((r) => r.serviceMs)).toFixed(2)} ms, HTTP ${median(rounds.map((r) => r.httpMs)).toFixed(2)} ms`,
  );
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")} (2 cores)`,
  );
  close();
  await server.stop();
} finally {
  await bench.close();
}
