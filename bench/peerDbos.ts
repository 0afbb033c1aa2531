// The engine against a real peer in one run: DBOS Transact (durable workflows on Postgres), on the same
// Postgres server, in interleaved rounds. The closest honest equivalent of an interaction is a workflow
// that receives each event with `recv` and records each transition with `setEvent`; a client's event is
// `send` (with an idempotency key for exactly-once), acknowledged once the workflow has recorded it
// (`getEvent` of that transition), as the engine acknowledges an event once its transition is durable.
// A start is `startWorkflow` with an id; a timer is a durable `sleep`. The engine is called through its
// service, with the Idempotency-Key offered as the HTTP middleware offers it (claim, write and stored
// answer in one statement in the common case).
// Timers are also compared by lateness (each timer's due time to when its step began), which does not
// depend on how fast each side created its sleepers.
// Run: npx tsx bench/peerDbos.ts [postgres://postgres@127.0.0.1:5432/test] [--rounds 5] [--seconds 2] [--timers 2000]
import { randomBytes, randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import { readFileSync } from "node:fs";
import { DBOS } from "@dbos-inc/dbos-sdk";
import type { Caller } from "../server/runtime/engine";

await import("../server/allowServerOnly.mjs"); // before any server module (see it)
const { createServerDatabase } = await import("../test/runtime/testDatabase");
const { createDatabase } = await import("../server/db/client");
const { runMigrations } = await import("../server/db/migrate");
const { createRuntimeEngine } = await import("../server/services/runtimeEngine");
const { sqlClientFor } = await import("../server/db/sqlClient");
const { publishFlow } = await import("../server/services/publishing");
const { seedDefaultWorkspace } = await import("../server/services/seed");
const { completeIdempotencyKey, offerIdempotencyKey, requestHash } = await import("../server/services/idempotency");
const { sweepDueTimers } = await import("../server/runtime/timerSweeper");

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => Number(args[args.indexOf(name) + 1] ?? fallback) || fallback;
const adminUrl = args.find((a) => a.startsWith("postgres")) ?? "postgres://postgres@127.0.0.1:5432/test";
const ROUNDS = args.includes("--rounds") ? flag("--rounds", 5) : 5;
const SECONDS = args.includes("--seconds") ? flag("--seconds", 2) : 2;
const TIMERS = args.includes("--timers") ? flag("--timers", 2_000) : 2_000;
const TIMER_LANES = 2; // server/env.ts: JOURNEY_TIMER_LANES's default
const CLIENTS = 16;

type Figure = { perSecond: number; p50: number; p99: number };
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function measure(op: (client: number, i: number) => Promise<void>): Promise<Figure> {
  const latencies: number[] = [];
  const until = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      for (let i = 0; performance.now() < until; i++) {
        const t = performance.now();
        await op(client, i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    perSecond: latencies.length / ((performance.now() - started) / 1000),
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
  };
}

// --- the peer: a workflow per interaction ---
async function interactionWorkflow(): Promise<number> {
  let transitions = 0;
  for (;;) {
    const event = await DBOS.recv<{ type: string }>("event", 3_600);
    if (event === null || event.type === "finish") return transitions;
    transitions += 1;
    await DBOS.setEvent(`t${transitions}`, { seq: transitions, type: event.type });
  }
}
const interaction = DBOS.registerWorkflow(interactionWorkflow, { name: "interaction" });
/** Each sleeper's lateness: from its due time (set as its sleep began) until it woke, ms. */
const dbosLateness: number[] = [];
async function sleeperWorkflow(ms: number): Promise<void> {
  const due = Date.now() + ms;
  await DBOS.sleep(ms);
  dbosLateness.push(Date.now() - due);
}
const sleeper = DBOS.registerWorkflow(sleeperWorkflow, { name: "sleeper" });
async function startedWorkflow(): Promise<void> {
  await DBOS.recv<unknown>("event", 3_600);
}
const started = DBOS.registerWorkflow(startedWorkflow, { name: "started" });

const journeyDb = await createServerDatabase(adminUrl);
const dbosDb = await createServerDatabase(adminUrl);
process.env.JOURNEY_EXAMPLES = "off";
const database = await createDatabase({ kind: "postgres", url: journeyDb.url, max: CLIENTS });
try {
  await runMigrations(database);
  const { id: workspaceId } = await seedDefaultWorkspace(database.db);
  for (const file of ["counter", "wait-briefly"]) {
    const document: unknown = JSON.parse(
      readFileSync(new URL(`../test/runtime/flows/${file}.json`, import.meta.url), "utf8"),
    );
    if (!(await publishFlow(database.db, workspaceId, document)).ok) throw new Error(`${file} did not publish`);
  }
  const caller: Caller = { workspaceId, mode: "live" };
  const sql = sqlClientFor(database);
  const engine = createRuntimeEngine(sql);

  DBOS.setConfig({
    name: "journey-peer",
    systemDatabaseUrl: dbosDb.url,
    systemDatabasePoolSize: CLIENTS,
    logLevel: "error",
  });
  await DBOS.launch();

  const mine = await Promise.all(
    Array.from({ length: CLIENTS }, () => engine.start(caller, { flow: "test-counter", channel: "chat" })),
  );
  const theirs = await Promise.all(
    Array.from({ length: CLIENTS }, async () => (await DBOS.startWorkflow(interaction)()).workflowID),
  );
  const theirCount = Array.from({ length: CLIENTS }, () => 0);
  const runId = randomBytes(3).toString("hex");

  const engineEvent = async (client: number) => {
    await engine.send(caller, mine[client]?.id ?? "", { type: "tick" });
  };
  const engineKeyedEvent = async (client: number, i: number) => {
    const id = mine[client]?.id ?? "";
    const body = JSON.stringify({ type: "tick" });
    const path = `/api/v1/interactions/${id}/events`;
    // As the HTTP middleware does: the key offered unclaimed, so that the event's own statement claims
    // it and stores the answer; when it cannot, the engine claims it and the answer is stored after.
    const offer = offerIdempotencyKey(
      sql.query,
      workspaceId,
      `k-${runId}-${client}-${i}-${Math.random()}`,
      requestHash("POST", path, body),
      200,
    );
    const view = await engine.send(caller, id, { type: "tick" }, { idempotency: offer.key });
    if (offer.isStored()) return;
    const claim = offer.claimed();
    if (claim?.kind !== "claimed") throw new Error(`claim: ${claim?.kind}`);
    await completeIdempotencyKey(sql.query, claim.id, 200, JSON.stringify(view), claim.owner);
  };
  const dbosEvent = (keyed: boolean) => async (client: number) => {
    const id = theirs[client] ?? "";
    const next = (theirCount[client] ?? 0) + 1;
    theirCount[client] = next;
    await DBOS.send(id, { type: "tick" }, "event", keyed ? randomUUID() : undefined);
    const recorded = await DBOS.getEvent(id, `t${next}`, 30);
    if (recorded === null) throw new Error(`DBOS did not record transition ${next} of ${id}`);
  };
  const engineStart = async () => {
    await engine.start(caller, { flow: "test-counter", channel: "chat" });
  };
  const dbosStart = async () => {
    await DBOS.startWorkflow(started, { workflowID: randomUUID() })();
  };

  const cases = {
    "events, no key": [engineEvent, dbosEvent(false)],
    "events, exactly-once (key)": [engineKeyedEvent, dbosEvent(true)],
    starts: [engineStart, dbosStart],
  } as const;
  const results: Record<string, { engine: Figure[]; dbos: Figure[] }> = {};
  for (const name of Object.keys(cases)) results[name] = { engine: [], dbos: [] };
  // Warm-up of both (JIT, pools, prepared statements), not counted.
  for (const [a, b] of Object.values(cases)) {
    await measure(a);
    await measure(b);
  }
  await sql.query("analyze");
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [name, [a, b]] of Object.entries(cases)) {
      // Alternate which goes first, so neither always runs on a warmer or cooler machine.
      const first = round % 2 === 1;
      const x = first ? await measure(a) : undefined;
      const y = await measure(b);
      const z = first ? x : await measure(a);
      results[name]?.engine.push(z as Figure);
      results[name]?.dbos.push(y);
    }
    console.log(`round ${round}/${ROUNDS} done, load ${loadavg()[0]?.toFixed(2)}`);
  }

  // Timers: TIMERS durable sleeps / waits falling due together; fired per second from the first due time
  // to the last one fired (the time to create them is not counted for either).
  const SLEEP_MS = 3_000;
  const dbosDue: number[] = [];
  const handles = await Promise.all(
    Array.from({ length: TIMERS }, async () => {
      const handle = await DBOS.startWorkflow(sleeper)(SLEEP_MS);
      dbosDue.push(performance.now() + SLEEP_MS);
      return handle;
    }),
  );
  await Promise.all(handles.map((h) => h.getResult()));
  const dbosTimers = TIMERS / ((performance.now() - Math.min(...dbosDue)) / 1000);
  // wait-briefly waits PT2S; the sweeper runs from the first due time, as DBOS's sleepers wake.
  let firstDue = Number.POSITIVE_INFINITY;
  // Started CLIENTS at a time (not counted; 2,000 at once outwaited the pool's connection timeout at load 18).
  const waits: unknown[] = [];
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (waits.length < TIMERS) {
        waits.push(undefined);
        await engine.start(caller, { flow: "test-wait-briefly", channel: "sms" });
        firstDue = Math.min(firstDue, performance.now() + 2_000);
      }
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, firstDue - performance.now())));
  // As one server process fires them: JOURNEY_TIMER_LANES (2) sweep loops, batches of JOURNEY_TIMER_BATCH
  // (500). A sweep is one transaction on one connection whose steps go one statement after another, so
  // a single loop (as this bench ran before) measured one lane of the process, not the process.
  let fired = 0;
  await Promise.all(
    Array.from({ length: TIMER_LANES }, async () => {
      while (fired < waits.length) {
        const swept = (await sweepDueTimers(engine, 500)).fired;
        fired += swept;
        if (swept === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }),
  );
  const engineTimerStart = firstDue;
  const engineTimers = TIMERS / ((performance.now() - engineTimerStart) / 1000);
  // The engine's lateness: from each timer's due time until its step began (the sweep's transaction time).
  const engineLateness = (
    await sql.query<{ ms: number }>(
      `select (extract(epoch from e.at - t.due_at) * 1000)::float8 as ms from timers t
       join interaction_events e on e.interaction_id = t.interaction_id and e.seq = t.seq + 1
       where t.fired_at is not null`,
    )
  ).map((r) => r.ms);
  const lateness = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return `${percentile(sorted, 0.5).toFixed(0)}/${percentile(sorted, 0.99).toFixed(0)}`;
  };

  console.log(
    `\nPostgres ${adminUrl.replace(/\/\/[^@]*@/, "//")}, ${CLIENTS} clients, ${ROUNDS} rounds of ${SECONDS} s, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  console.log("median of rounds            engine/s   DBOS/s   ratio   engine p50/p99 ms   DBOS p50/p99 ms");
  for (const [name, { engine: e, dbos: d }] of Object.entries(results)) {
    const ep = median(e.map((f) => f.perSecond));
    const dp = median(d.map((f) => f.perSecond));
    console.log(
      `${name.padEnd(27)} ${ep.toFixed(0).padStart(8)} ${dp.toFixed(0).padStart(8)} ${(ep / dp).toFixed(2).padStart(6)}×   ${median(e.map((f) => f.p50)).toFixed(1)}/${median(e.map((f) => f.p99)).toFixed(1)}`.padEnd(
        80,
      ) + `${median(d.map((f) => f.p50)).toFixed(1)}/${median(d.map((f) => f.p99)).toFixed(1)}`,
    );
  }
  console.log(
    `timers (${TIMERS} due at once)     ${engineTimers.toFixed(0).padStart(8)} ${dbosTimers.toFixed(0).padStart(8)} ${(engineTimers / dbosTimers).toFixed(2).padStart(6)}×   (fired per second, from the first due time to the last fired)`,
  );
  console.log(
    `timer lateness after due, p50/p99 ms: engine ${lateness(engineLateness)} (n=${engineLateness.length}), DBOS ${lateness(dbosLateness)} (n=${dbosLateness.length})`,
  );
} finally {
  await DBOS.shutdown().catch(() => undefined);
  await database.close();
  await journeyDb.drop();
  await dbosDb.drop();
}
