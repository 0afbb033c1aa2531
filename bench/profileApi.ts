// A CPU profile of the server process under HTTP load: events without and with an Idempotency-Key, and
// starts, 16 clients (node --cpu-prof, written to PROFILE_DIR when the server stops). Not a figure: a
// profile to read with bench/profileSummary.ts.
// Run: PROFILE_DIR=/tmp/prof npx tsx bench/profileApi.ts [postgres://…] [--seconds 6] [--only events|keyed|starts]
import { randomBytes } from "node:crypto";
import type { Caller } from "../server/runtime/engine";
import { startServer } from "../test/runtime/serverProcess";
import { apiPoster } from "./benchProcess";

await import("../server/allowServerOnly.mjs"); // before any server module (see it)
const { openBenchDatabase } = await import("./benchDatabase");
const { createApiKey } = await import("../server/auth/apiKeys");
const { createRuntimeEngine } = await import("../server/services/runtimeEngine");
const { sqlClientFor } = await import("../server/db/sqlClient");

const args = process.argv.slice(2);
const adminUrl = args.find((a) => a.startsWith("postgres")) ?? "postgres://postgres@127.0.0.1:5432/test";
const SECONDS = Number(args[args.indexOf("--seconds") + 1] ?? 6) || 6;
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;
const CLIENTS = 16;
const profileDir = process.env.PROFILE_DIR;

async function loop(op: (client: number) => Promise<void>, seconds: number): Promise<number> {
  let ops = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      while (performance.now() < until) {
        await op(client);
        ops++;
      }
    }),
  );
  return ops / ((performance.now() - started) / 1000);
}

const bench = await openBenchDatabase(adminUrl, { clients: 4, flows: ["counter"] });
const { database, workspaceId } = bench;
const benchUrl = bench.url;
try {
  const caller: Caller = { workspaceId, mode: "live" };
  const sql = sqlClientFor(database);
  const engine = createRuntimeEngine(sql);
  const key = (await createApiKey(sql.query, workspaceId, "bench", "live")).key;
  const server = await startServer(
    { databaseUrl: benchUrl },
    { DATABASE_POOL_MAX: String(CLIENTS), JOURNEY_WORKERS: "off", JOURNEY_EXAMPLES: "off" },
    profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [],
  );
  const { post, close } = apiPoster(server.url, key, CLIENTS);
  const mine = await Promise.all(
    Array.from({ length: CLIENTS }, () =>
      engine.start(caller, { flow: "test-counter", channel: "chat", customer: { id: "bench" } }),
    ),
  );
  const tick = JSON.stringify({ type: "tick" });
  const event = (client: number) => post(`/interactions/${mine[client]?.id ?? ""}/events`, tick);
  let n = 0;
  const run = randomBytes(3).toString("hex");
  const keyed = (client: number) => post(`/interactions/${mine[client]?.id ?? ""}/events`, tick, `p-${run}-${n++}`);
  const startBody = JSON.stringify({ flow: "test-counter", channel: "chat", customer: { id: "bench-http" } });
  const start = () => post("/interactions", startBody);
  await loop(event, 3);
  await loop(keyed, 1);
  await loop(start, 1);
  await sql.query("analyze");
  for (const [label, op] of [
    ["events", event],
    ["keyed", keyed],
    ["starts", start],
  ] as const) {
    if (only && only !== label) continue;
    console.log(`${label}: ${(await loop(op, SECONDS)).toFixed(0)}/s`);
  }
  close();
  await server.stop();
} finally {
  await bench.close();
}
