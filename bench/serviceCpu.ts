// The CPU one event costs, in process: the engine through the service (with or without a key) against
// the one-statement write of bench/runtime.ts's (a'), 16 callers on 16 counter interactions, in rounds; for each round the
// events/s and the milliseconds of CPU per event spent by the run's Postgres backends and by this
// process. With --vacuum-at K, a VACUUM of the hot tables (--vacuum-tables, default all three) before
// round K: on this machine's server (autovacuum off), with 5-8 s rounds and plan_cache_mode=auto, it
// raised the engine's Postgres CPU per event from ~0.6 to ~1.0 ms (the step's statement planned again at
// every execution) and left (a')'s at ~0.34; with the pool's default (force_generic_plan) it changes
// nothing (README, issue 17). DATABASE_PLAN_CACHE_MODE=auto shows the first.
// Run: npx tsx bench/serviceCpu.ts [postgres://…] [--write engine|keyed|raw] [--rounds 4] [--seconds 5]
//        [--vacuum-at 2] [--vacuum-tables "interactions, interaction_path"]
import type { Caller } from "../server/runtime/engine";
import { cpuOf } from "./benchProcess";

await import("../server/allowServerOnly.mjs"); // before any server module (see it)
const { openBenchDatabase } = await import("./benchDatabase");
const { createRuntimeEngine } = await import("../server/services/runtimeEngine");
const { sqlClientFor } = await import("../server/db/sqlClient");
const idempotency = await import("../server/services/idempotency");

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const adminUrl = args.find((a) => a.startsWith("postgres")) ?? "postgres://postgres@127.0.0.1:5432/test";
const write = option("--write") ?? "engine";
const rounds = Number(option("--rounds") ?? 4) || 4;
const seconds = Number(option("--seconds") ?? 5) || 5;
const vacuumAt = option("--vacuum-at") === undefined ? undefined : Number(option("--vacuum-at"));
const vacuumTables = option("--vacuum-tables") ?? "interactions, interaction_path, interaction_events";
if (!/^[a-z_, ]+$/.test(vacuumTables)) throw new Error("--vacuum-tables: table names separated by commas");
const CLIENTS = 16;

const bench = await openBenchDatabase(adminUrl, { clients: CLIENTS, flows: ["counter"] });
try {
  const caller: Caller = { workspaceId: bench.workspaceId, mode: "live" };
  const sql = sqlClientFor(bench.database);
  const engine = createRuntimeEngine(sql);
  const mine = await Promise.all(
    Array.from({ length: CLIENTS }, () =>
      engine.start(caller, { flow: "test-counter", channel: "chat", customer: { id: "bench" } }),
    ),
  );
  const idOf = (client: number) => mine[client]?.id ?? "";
  const [row] = await sql.query<{ snapshot: unknown }>("select snapshot from interactions where id = $1", [idOf(0)]);
  const ONE_STATEMENT = `with u as (update interactions set snapshot = $1, seq = seq + 1, updated_at = now() where id = $2 returning workspace_id, id, seq)
    insert into interaction_events (workspace_id, interaction_id, seq, type, data) select workspace_id, id, seq, 'tick', null from u`;
  // With an Idempotency-Key as the HTTP middleware offers it (bench/runtime.ts's (b'')).
  let keys = 0;
  const run = Math.random().toString(36).slice(2, 8);
  const keyed = async (client: number) => {
    const id = idOf(client);
    const hash = idempotency.requestHash("POST", `/api/v1/interactions/${id}/events`, '{"type":"tick"}');
    const offer = idempotency.offerIdempotencyKey(sql.query, bench.workspaceId, `cpu-${run}-${keys++}`, hash, 200);
    const view = await engine.send(caller, id, { type: "tick" }, { idempotency: offer.key });
    if (offer.isStored()) return;
    const claim = offer.claimed();
    if (claim?.kind !== "claimed") throw new Error(`claim: ${claim?.kind}`);
    await idempotency.completeIdempotencyKey(sql.query, claim.id, 200, JSON.stringify(view), claim.owner);
  };
  const op =
    write === "engine"
      ? async (client: number) => void (await engine.send(caller, idOf(client), { type: "tick" }))
      : write === "keyed"
        ? keyed
        : async (client: number) => void (await sql.query(ONE_STATEMENT, [row?.snapshot, idOf(client)]));
  const loop = async (durationS: number): Promise<number> => {
    let ops = 0;
    const until = performance.now() + durationS * 1000;
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        while (performance.now() < until) {
          await op(client);
          ops++;
        }
      }),
    );
    return ops;
  };
  await loop(3); // warm-up (JIT, caches, rows in every table)
  await sql.query("analyze");
  const label = { engine: "engine through the service", keyed: "the same with an Idempotency-Key" }[write];
  console.log(`${label ?? "(a') one statement"}, ${CLIENTS} callers`);
  for (let round = 0; round < rounds; round++) {
    if (round === vacuumAt) {
      const started = performance.now();
      await sql.query(`vacuum ${vacuumTables}`);
      console.log(`  vacuum ${vacuumTables}: ${(performance.now() - started).toFixed(0)} ms`);
    }
    const pids = await bench.backendPids();
    const before = pids.map(cpuOf);
    const self = process.cpuUsage();
    const ops = await loop(seconds);
    const database = pids.map(cpuOf).reduce((sum, now, i) => sum + now - (before[i] ?? 0), 0);
    const mineCpu = process.cpuUsage(self);
    console.log(
      `  round ${round}: ${(ops / seconds).toFixed(0).padStart(5)}/s   CPU per event: Postgres ${((database * 1000) / ops).toFixed(3)} ms, this process ${((mineCpu.user + mineCpu.system) / 1000 / ops).toFixed(3)} ms`,
    );
  }
} finally {
  await bench.close();
}
