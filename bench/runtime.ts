// Runtime throughput against the Postgres server, in one run:
//   (a) the raw ceiling: BEGIN; SELECT … FOR UPDATE; UPDATE snapshot; INSERT event; COMMIT — plain
//       prepared SQL, 16 connections (and the same write as one CTE statement, for reference);
//   (b) the engine through the service (optimistic and row-lock; and with an Idempotency-Key, as the
//       HTTP middleware offers it), 16 concurrent callers;
//   (c) the engine through the HTTP API (the real server process), 16 concurrent clients, with and
//       without an Idempotency-Key;
//   (d) interaction starts/s (service and HTTP); (e) timers fired/s with 100,000 pending, and lateness.
// Run: npx tsx bench/runtime.ts [postgres://postgres@127.0.0.1:5432/test] [--seconds 5] [--rounds 3]
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import postgres from "postgres";
import type { Caller } from "../server/runtime/engine";
import { startServer } from "../test/runtime/serverProcess";
import { cpuOf, apiPoster } from "./benchProcess";

await import("../server/allowServerOnly.mjs"); // before any server module (see it)
const { openBenchDatabase } = await import("./benchDatabase");
const { createApiKey } = await import("../server/auth/apiKeys");
const { createRuntimeEngine } = await import("../server/services/runtimeEngine");
const { sqlClientFor } = await import("../server/db/sqlClient");
const { sweepDueTimers } = await import("../server/runtime/timerSweeper");
const { startWorkers } = await import("../server/runtime/workers");
const idempotencyService = await import("../server/services/idempotency");

const args = process.argv.slice(2);
const adminUrl = args.find((a) => a.startsWith("postgres")) ?? "postgres://postgres@127.0.0.1:5432/test";
const seconds = Number(args[args.indexOf("--seconds") + 1] ?? 5) || 5;
const CLIENTS = 16;
const ROUNDS = Number(args[args.indexOf("--rounds") + 1] ?? 3) || 3;
const ROUND_SECONDS = 2;

type Figure = { name: string; ops: number; perSecond: number; p50: number; p99: number };
const figures: Figure[] = [];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
}

/** Runs `op(client)` in `clients` loops for the duration; records each latency. */
async function measure(
  name: string,
  op: (client: number, i: number) => Promise<void>,
  clients = CLIENTS,
  durationS = seconds,
  paceMs = 0,
): Promise<Figure> {
  const latencies: number[] = [];
  const until = performance.now() + durationS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; performance.now() < until; i++) {
        const t = performance.now();
        await op(client, i);
        const took = performance.now() - t;
        latencies.push(took);
        if (paceMs > took) await new Promise((r) => setTimeout(r, paceMs - took));
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const figure = {
    name,
    ops: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
  };
  figures.push(figure);
  console.log(
    `${name.padEnd(48)} ${figure.perSecond.toFixed(0).padStart(7)}/s   p50 ${figure.p50.toFixed(2)} ms   p99 ${figure.p99.toFixed(2)} ms`,
  );
  return figure;
}

// A fresh database for the run.
const bench = await openBenchDatabase(adminUrl, { clients: CLIENTS, flows: ["counter", "wait-briefly"] });
const { database, workspaceId } = bench;
const benchUrl = bench.url;
try {
  const caller: Caller = { workspaceId, mode: "live" };
  const sql = sqlClientFor(database);
  const engine = createRuntimeEngine(sql);
  const lockEngine = createRuntimeEngine(sql, { concurrency: "lock" });

  // One interaction per client, stepped in a loop (the counter flow ticks forever).
  const mine = await Promise.all(
    Array.from({ length: CLIENTS }, () =>
      engine.start(caller, { flow: "test-counter", channel: "chat", customer: { id: "bench" } }),
    ),
  );
  const idOf = (client: number) => mine[client]?.id ?? "";
  await sql.query("analyze"); // again after the warm-ups below (see there)
  const snapshotSize = JSON.stringify(
    (await sql.query<{ snapshot: unknown }>("select snapshot from interactions where id = $1", [idOf(0)]))[0]?.snapshot,
  ).length;
  console.log(
    `Postgres ${benchUrl.replace(/\/\/[^@]*@/, "//")}, ${CLIENTS} clients, ${seconds} s per figure, snapshot ${snapshotSize} bytes\n`,
  );

  // (a) the raw ceiling, on its own connections, with the engine's snapshot as the payload.
  const raw = postgres(benchUrl, { max: CLIENTS, onnotice: () => {} });
  const rawRows = await raw<
    { id: string }[]
  >`select id from interactions where flow_key = 'test-counter' order by created_at limit ${CLIENTS}`;
  const rawSnapshot = (
    await raw<{ snapshot: unknown }[]>`select snapshot from interactions where id = ${rawRows[0]?.id ?? ""}`
  )[0]?.snapshot;
  const rawTx = async (client: number) => {
    const id = rawRows[client]?.id ?? "";
    await raw.begin(async (tx) => {
      const [row] = await tx<{ seq: number }[]>`select seq from interactions where id = ${id} for update`;
      const seq = (row?.seq ?? 0) + 1;
      await tx`update interactions set snapshot = ${tx.json(rawSnapshot as never)}, seq = ${seq}, updated_at = now() where id = ${id}`;
      await tx`insert into interaction_events (workspace_id, interaction_id, seq, type, data) values (${workspaceId}, ${id}, ${seq}, 'tick', null)`;
    });
  };
  const rawCte = async (client: number) => {
    const id = rawRows[client]?.id ?? "";
    await raw`with u as (update interactions set snapshot = ${raw.json(rawSnapshot as never)}, seq = seq + 1, updated_at = now() where id = ${id} returning workspace_id, id, seq)
      insert into interaction_events (workspace_id, interaction_id, seq, type, data) select workspace_id, id, seq, 'tick', null from u`;
  };
  const rawCeiling = await measure("(a) raw SQL: lock, update, insert (tx)", rawTx);
  const oneStatement = await measure("(a') raw SQL: the same as one CTE statement", rawCte);
  // The same statement through the engine's own client (`pg`, named prepared statements): how much of
  // the gap to (a') is the driver rather than the engine.
  const CTE_TEXT = `with u as (update interactions set snapshot = $1, seq = seq + 1, updated_at = now() where id = $2 returning workspace_id, id, seq)
    insert into interaction_events (workspace_id, interaction_id, seq, type, data) select workspace_id, id, seq, 'tick', null from u`;
  await measure("(a'pg) the same statement through the engine's pg client", async (client) => {
    await sql.query(CTE_TEXT, [rawSnapshot, rawRows[client]?.id ?? ""]);
  });

  // With an Idempotency-Key as the HTTP middleware handles it: offered unclaimed (claim, write and stored
  // answer in one statement), or, on code without that, claimed, applied and answered (3 transactions).
  let keySeq = 0;
  const runId = randomBytes(3).toString("hex");
  const keyedSend = async (client: number) => {
    const id = idOf(client);
    const hash = idempotencyService.requestHash("POST", `/api/v1/interactions/${id}/events`, '{"type":"tick"}');
    const key = `bench-${runId}-${keySeq++}`;
    // (main's code before the one-statement path had no offerIdempotencyKey: this bench runs on both)
    const before = idempotencyService as unknown as {
      claimIdempotencyKey: typeof idempotencyService.claimIdempotencyKey;
      completeIdempotencyKey: (...args: unknown[]) => Promise<void>;
    };
    if ("offerIdempotencyKey" in idempotencyService) {
      const offer = idempotencyService.offerIdempotencyKey(sql.query, workspaceId, key, hash, 200);
      const view = await engine.send(caller, id, { type: "tick" }, { idempotency: offer.key });
      if (offer.isStored()) return;
      const claim = offer.claimed();
      if (claim?.kind !== "claimed") throw new Error(`claim: ${claim?.kind}`);
      await idempotencyService.completeIdempotencyKey(sql.query, claim.id, 200, JSON.stringify(view), claim.owner);
      return;
    }
    const claim = await before.claimIdempotencyKey(sql.query, workspaceId, key, hash, { takeover: true });
    if (claim.kind !== "claimed") throw new Error(`claim: ${claim.kind}`);
    const view = await engine.send(caller, id, { type: "tick" }, { idempotency: claim });
    await before.completeIdempotencyKey(sql.query, claim.id, 200, JSON.parse(JSON.stringify(view)));
  };
  // (b) the engine through the service (after 2 s of warm-up: JIT, caches).
  await measure(
    "    (service warm-up, not counted)",
    async (client) => {
      await engine.send(caller, idOf(client), { type: "tick" });
    },
    CLIENTS,
    2,
  );
  figures.pop();
  // This machine's Postgres runs with autovacuum off: without statistics, statements prepared on the
  // tiny tables of a fresh database keep sequential scans (seen falling from 1,741 to 280 events/s).
  // After the warm-up, so that every table the events write (idempotency keys too) has rows.
  await measure("    (keyed warm-up, not counted)", keyedSend, CLIENTS, 1);
  figures.pop();
  await sql.query("analyze");
  const service = await measure("(b) engine via service, optimistic (seq guard)", async (client) => {
    await engine.send(caller, idOf(client), { type: "tick" });
  });
  const keyedService = await measure("(b'') engine via service, Idempotency-Key", keyedSend);
  await measure("(b') engine via service, row lock (FOR UPDATE)", async (client) => {
    await lockEngine.send(caller, idOf(client), { type: "tick" });
  });
  const serviceStarts = await measure("(d) starts via service", async () => {
    await engine.start(caller, { flow: "test-counter", channel: "chat", customer: { id: "bench-starts" } });
  });

  // (c) through HTTP: the real server process, its own pool of 16.
  const key = (await createApiKey(sql.query, workspaceId, "bench", "live")).key;
  const server = await startServer(
    { databaseUrl: benchUrl },
    { DATABASE_POOL_MAX: String(CLIENTS), JOURNEY_WORKERS: "off", JOURNEY_EXAMPLES: "off" },
  );
  const { post, close } = apiPoster(server.url, key, CLIENTS);
  const tick = JSON.stringify({ type: "tick" });
  // A freshly started server is slow for several seconds (seen ramping from ~150 to ~1,500/s over
  // 6-8 s here): 8 s of the same load first, not counted.
  await measure(
    "    (HTTP warm-up, not counted)",
    async (client) => {
      await post(`/interactions/${idOf(client)}/events`, tick);
    },
    CLIENTS,
    8,
  );
  figures.pop();
  const http = await measure("(c) engine via HTTP (server process)", async (client) => {
    await post(`/interactions/${idOf(client)}/events`, tick);
  });
  const keyedPost = async (client: number) => {
    await post(`/interactions/${idOf(client)}/events`, tick, `bench-http-${runId}-${keySeq++}`);
  };
  const keyedHttp = await measure("(c'') engine via HTTP, Idempotency-Key", keyedPost);
  const startBody = JSON.stringify({ flow: "test-counter", channel: "chat", customer: { id: "bench-http" } });
  const httpStarts = await measure("(d') starts via HTTP", async () => {
    await post("/interactions", startBody);
  });
  // The machine is shared and noisy: the ratios again, as interleaved rounds of (a), (b) and (c), so
  // that each ratio compares figures taken seconds apart; the median round is the one to quote.
  // On a shared machine throughput follows the share of the CPU a run gets; the CPU each event costs
  // (this process, the server process and every Postgres backend of the run's database) much less.
  const serverPid = server.child.pid ?? 0;
  const backends = async () => bench.backendPids();
  const cpu: Record<string, number[]> = {};
  const cpuDatabase: Record<string, number[]> = {};
  /** `run`'s figure, and the milliseconds of CPU per op of it (all processes together) kept under `label`. */
  const withCpu = async (label: string, run: () => Promise<Figure>): Promise<Figure> => {
    const pids = await backends();
    const at = new Map([...pids, serverPid].map((pid) => [pid, cpuOf(pid)]));
    const self = process.cpuUsage();
    const figure = await run();
    let used = 0;
    let database = 0;
    for (const [pid, before] of at) {
      const spent = cpuOf(pid) - before;
      used += spent;
      if (pid !== serverPid) database += spent;
    }
    for (const pid of await backends())
      if (!at.has(pid)) {
        used += cpuOf(pid);
        database += cpuOf(pid);
      }
    const mine = process.cpuUsage(self);
    used += (mine.user + mine.system) / 1e6;
    (cpu[label] ??= []).push((used * 1000) / figure.ops);
    (cpuDatabase[label] ??= []).push((database * 1000) / figure.ops);
    return figure;
  };
  const rounds: Array<{ service: number; http: number; cte: number; keyed: number; keyedHttp: number }> = [];
  const httpRounds: number[] = [];
  const startRounds: Array<{ service: number; http: number }> = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const a = await withCpu("(a)", () => measure(`  round ${round}: (a) raw SQL`, rawTx, CLIENTS, ROUND_SECONDS));
    const a1 = await withCpu("(a')", () =>
      measure(`  round ${round}: (a') raw SQL, one statement`, rawCte, CLIENTS, ROUND_SECONDS),
    );
    const b = await withCpu("(b)", () =>
      measure(
        `  round ${round}: (b) service`,
        async (client) => {
          await engine.send(caller, idOf(client), { type: "tick" });
        },
        CLIENTS,
        ROUND_SECONDS,
      ),
    );
    const c = await withCpu("(c)", () =>
      measure(
        `  round ${round}: (c) HTTP`,
        async (client) => {
          await post(`/interactions/${idOf(client)}/events`, tick);
        },
        CLIENTS,
        ROUND_SECONDS,
      ),
    );
    const bk = await withCpu("(b'')", () =>
      measure(`  round ${round}: (b'') service, key`, keyedSend, CLIENTS, ROUND_SECONDS),
    );
    const ck = await withCpu("(c'')", () =>
      measure(`  round ${round}: (c'') HTTP, key`, keyedPost, CLIENTS, ROUND_SECONDS),
    );
    const ds = await withCpu("(d)", () =>
      measure(
        `  round ${round}: (d) starts via service`,
        async () => {
          await engine.start(caller, { flow: "test-counter", channel: "chat", customer: { id: "bench-starts" } });
        },
        CLIENTS,
        ROUND_SECONDS,
      ),
    );
    const dh = await withCpu("(d')", () =>
      measure(
        `  round ${round}: (d') starts via HTTP`,
        async () => {
          await post("/interactions", startBody);
        },
        CLIENTS,
        ROUND_SECONDS,
      ),
    );
    startRounds.push({ service: ds.perSecond, http: dh.perSecond });
    rounds.push({
      service: b.perSecond / a.perSecond,
      http: c.perSecond / a.perSecond,
      cte: b.perSecond / a1.perSecond,
      keyed: bk.perSecond / a1.perSecond,
      keyedHttp: ck.perSecond / bk.perSecond,
    });
    httpRounds.push(c.perSecond);
  }
  const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] ?? NaN;
  // p99 at half of the HTTP peak (the best of (c) and the rounds): each client paced to half its share.
  const peak = Math.max(http.perSecond, ...httpRounds);
  const interval = (CLIENTS / (peak / 2)) * 1000;
  const paced = await measure(
    "(c') HTTP at half of its peak (paced)",
    async (client) => {
      await post(`/interactions/${idOf(client)}/events`, tick);
    },
    CLIENTS,
    seconds,
    interval,
  );
  await raw.end();
  close();
  await server.stop();

  // (e) timers: 100,000 pending; 20,000 of them already due (throughput), then lateness of timers
  // falling due at 1,000/s while the rest stay pending.
  const template = await engine.start(caller, { flow: "test-wait-briefly", channel: "sms" });
  await sql.query(
    `insert into interactions (workspace_id, flow_version_id, flow_key, version, status, channel, snapshot, context, current_node, seq)
     select workspace_id, flow_version_id, flow_key, version, status, channel, snapshot, context, current_node, 0 from interactions, generate_series(1, 100000) where id = $1`,
    [template.id],
  );
  await sql.query(
    `insert into timers (workspace_id, interaction_id, timer_key, seq, due_at)
     select workspace_id, id, 'pause', 0, case when n <= 20000 then now() - interval '1 second' else now() + interval '1 day' end
     from (select workspace_id, id, row_number() over () as n from interactions where flow_key = 'test-wait-briefly' and id <> $1) s`,
    [template.id],
  );
  await sql.query("analyze interactions");
  await sql.query("analyze timers");
  // Throughput: as many sweepers as a process runs lanes (2) plus a second process's (2).
  let fired = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (;;) {
        const { seen, fired: f } = await sweepDueTimers(engine, 500);
        fired += f;
        if (seen === 0) break;
      }
    }),
  );
  const firedPerSecond = fired / ((performance.now() - t0) / 1000);
  console.log(
    `${"(e) timers fired/s, 100,000 pending (20,000 due)".padEnd(48)} ${firedPerSecond.toFixed(0).padStart(7)}/s`,
  );

  // Lateness: 3,000 timers come due over 3 s, fired by the runtime's own workers (pg-boss lanes).
  const workers = startWorkers(engine, database, { triggers: false, outboxPollMs: 60_000 });
  await workers.boss;
  const lateIds = (
    await sql.query<{ id: string }>(
      `update timers set due_at = now() + interval '500 milliseconds' + (random() * interval '3 seconds')
       where id in (select id from timers where fired_at is null and cancelled_at is null and timer_key = 'pause' limit 3000) returning id`,
    )
  ).map((r) => r.id);
  await new Promise((r) => setTimeout(r, 5000));
  await workers.stop();
  const lateness = (
    await sql.query<{ ms: number }>(
      "select extract(epoch from (fired_at - due_at)) * 1000 as ms from timers where id = any(array(select jsonb_array_elements_text($1::jsonb -> 'ids'))::uuid[]) and fired_at is not null order by 1",
      [{ ids: lateIds }],
    )
  ).map((r) => Number(r.ms));
  console.log(
    `${"(e') timer lateness after due (pg-boss workers)".padEnd(48)} n=${lateness.length}   p50 ${percentile(lateness, 0.5).toFixed(0)} ms   p99 ${percentile(lateness, 0.99).toFixed(0)} ms`,
  );

  const series = (name: keyof (typeof rounds)[number]) =>
    `${rounds.map((r) => r[name].toFixed(2)).join(" ")} (median ${median(rounds.map((r) => r[name])).toFixed(2)})`;
  console.log(`\ninterleaved rounds, ratio to (a): service ${series("service")}, HTTP ${series("http")}`);
  console.log(
    `interleaved rounds, ratio to (a') one statement: service ${series("cte")}, service with a key ${series("keyed")} (target 0.60)`,
  );
  console.log(`interleaved rounds, HTTP with a key / service with a key: ${series("keyedHttp")} (target 0.80)`);
  console.log(
    `HTTP at half of its peak (${(peak / 2).toFixed(0)}/s asked, ${paced.perSecond.toFixed(0)}/s done): p99 ${paced.p99.toFixed(1)} ms (target < 25 ms)`,
  );
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")} (2 cores)`,
  );
  console.log(
    `ratios to (a): service ${(service.perSecond / rawCeiling.perSecond).toFixed(2)}, HTTP ${(http.perSecond / rawCeiling.perSecond).toFixed(2)}; to (a'): service ${(service.perSecond / oneStatement.perSecond).toFixed(2)}, service with a key ${(keyedService.perSecond / oneStatement.perSecond).toFixed(2)}; HTTP / service ${(http.perSecond / service.perSecond).toFixed(2)}, with a key ${(keyedHttp.perSecond / keyedService.perSecond).toFixed(2)}`,
  );
  console.log(
    `starts/s: service ${serviceStarts.perSecond.toFixed(0)}, HTTP ${httpStarts.perSecond.toFixed(0)} (Twilio Studio allows 20 REST starts/s; 100x = 2,000)`,
  );
  console.log(
    `interleaved rounds, starts/s: service ${startRounds.map((r) => r.service.toFixed(0)).join(" ")} (median ${median(startRounds.map((r) => r.service)).toFixed(0)}), HTTP ${startRounds.map((r) => r.http.toFixed(0)).join(" ")} (median ${median(startRounds.map((r) => r.http)).toFixed(0)}; target 2,000)`,
  );
  console.log(
    `interleaved rounds, CPU per op in all processes (ms, median): ${Object.entries(cpu)
      .map(
        ([label, values]) =>
          `${label} ${median(values).toFixed(3)} (Postgres ${median(cpuDatabase[label] ?? []).toFixed(3)})`,
      )
      .join(", ")}`,
  );
} finally {
  await bench.close();
}
