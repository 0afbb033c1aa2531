// Where Postgres spends an event's statement: 16 counter interactions stepped EVENTS times each (as
// bench/runtime.ts's do), ANALYZE, then the next event's own statement run again 7 times as the engine
// runs it (named, prepared) with auto_explain's plans (analyze, buffers) of the 6th and 7th executions.
// Autovacuum is off on this machine's server.
// With --drop-fks the foreign keys to `interactions` are dropped first (an experiment, not a proposal
// by itself): the CPU the run's Postgres backends spend per event, with and without them, is printed.
// Run: npx tsx bench/explainEvent.ts [postgres://…] [--events 2000] [--drop-fks]
import pg from "pg";
import type { Caller } from "../server/runtime/engine";
import type { SqlClient } from "../server/db/sqlClient";
import { cpuOf } from "./benchProcess";

await import("../server/allowServerOnly.mjs"); // before any server module (see it)
const { openBenchDatabase } = await import("./benchDatabase");
const { createRuntimeEngine } = await import("../server/services/runtimeEngine");
const { sqlClientFor } = await import("../server/db/sqlClient");

const args = process.argv.slice(2);
const adminUrl = args.find((a) => a.startsWith("postgres")) ?? "postgres://postgres@127.0.0.1:5432/test";
const EVENTS = Number(args[args.indexOf("--events") + 1] ?? 2000) || 2000;
const CLIENTS = 16;
const DROP_FKS = args.includes("--drop-fks");

const bench = await openBenchDatabase(adminUrl, { clients: CLIENTS, flows: ["counter"] });
const { database, workspaceId } = bench;
const benchUrl = bench.url;
try {
  const caller: Caller = { workspaceId, mode: "live" };
  const sql = sqlClientFor(database);
  let captured: { text: string; params: readonly unknown[] } | undefined;
  let capture = false;
  const watching: SqlClient = {
    ...sql,
    query: (text, params) => {
      if (capture && text.includes("update interactions set snapshot")) captured = { text, params: params ?? [] };
      return sql.query(text, params);
    },
  };
  const engine = createRuntimeEngine(watching);
  const mine = await Promise.all(
    Array.from({ length: CLIENTS }, () =>
      engine.start(caller, { flow: "test-counter", channel: "chat", customer: { id: "bench" } }),
    ),
  );
  if (DROP_FKS) {
    const fks = await sql.query<{ name: string; on: string }>(
      `select conname as name, conrelid::regclass::text as on from pg_constraint where contype = 'f' and confrelid = 'interactions'::regclass`,
    );
    for (const fk of fks) await sql.query(`alter table ${fk.on} drop constraint ${fk.name}`);
    console.log(`dropped ${fks.map((fk) => `${fk.on}.${fk.name}`).join(", ")}`);
  }
  await sql.query("analyze");
  const backends = async () => bench.backendPids();
  const pids = await backends();
  const cpuBefore = new Map(pids.map((pid) => [pid, cpuOf(pid)]));
  const started = performance.now();
  await Promise.all(
    mine.map(async (view) => {
      for (let i = 0; i < EVENTS; i++) await engine.send(caller, view.id, { type: "tick" });
    }),
  );
  let spent = 0;
  for (const pid of await backends()) spent += cpuOf(pid) - (cpuBefore.get(pid) ?? 0);
  console.log(
    `${CLIENTS} × ${EVENTS} events${DROP_FKS ? " (no foreign keys to interactions)" : ""}: ${((CLIENTS * EVENTS) / ((performance.now() - started) / 1000)).toFixed(0)}/s, Postgres CPU ${((spent * 1000) / (CLIENTS * EVENTS)).toFixed(3)} ms per event`,
  );
  await sql.query("analyze");
  capture = true;
  await engine.send(caller, mine[0]?.id ?? "", { type: "tick" });
  capture = false;
  if (!captured) throw new Error("no event statement seen");
  const { text, params } = captured;
  // The statement as the engine runs it: a named prepared statement, so from its sixth execution on
  // Postgres may use a generic plan. auto_explain shows each execution's plan as a notice.
  const client = new pg.Client({ connectionString: benchUrl });
  await client.connect();
  client.on("notice", (notice) => {
    if (explained++ >= 5) console.log(`\n-- execution ${explained}\n${notice.message ?? ""}`);
  });
  let explained = 0;
  await client.query("load 'auto_explain'");
  for (const setting of ["log_min_duration = 0", "log_analyze = on", "log_buffers = on", "log_level = notice"])
    await client.query(`set auto_explain.${setting}`);
  const values = params.map((value) =>
    value instanceof Date
      ? value.toISOString()
      : value !== null && typeof value === "object"
        ? JSON.stringify(value)
        : value,
  );
  for (let i = 0; i < 7; i++) {
    values[1] = Number(params[1]) + 1 + i; // the seq the row holds now: each execution is a real step
    const result = await client.query({ name: "event", text, values });
    if (result.rowCount !== 1) throw new Error(`execution ${i + 1} wrote nothing`);
  }
  await client.end();
  const sizes = await sql.query(
    `select relname, n_live_tup, n_dead_tup, pg_size_pretty(pg_relation_size(relid)) as size from pg_stat_user_tables
     where relname in ('interactions', 'interaction_path', 'interaction_events') order by relname`,
  );
  console.log(sizes);
  const indexes = await sql.query(
    `select indexrelname, pg_size_pretty(pg_relation_size(indexrelid)) as size, idx_scan, idx_tup_read from pg_stat_user_indexes
     where relname in ('interactions', 'interaction_path', 'interaction_events') order by relname, indexrelname`,
  );
  console.log(indexes);
} finally {
  await bench.close();
}
