// A date trigger over many customers on the Postgres server (CONTRACT §7, issue 13): customers
// streamed in batches (RSS and heap sampled per batch), journeys started per second, and the cost per
// start with the MOT rules (audience + re-entry, then the message policy over the queued greetings as
// delivery applies it) against a start without them, in the same run.
// Run: npx tsx bench/triggers.ts [postgres://postgres@127.0.0.1:5432/test] [--customers 1000000] [--batch 1000] [--rules-first]
import { readFile } from "node:fs/promises";
import { loadavg } from "node:os";

await import("../server/allowServerOnly.mjs"); // before any server module (see it)
const { createDatabase } = await import("../server/db/client");
const { runMigrations } = await import("../server/db/migrate");
const { createServerDatabase } = await import("../test/runtime/testDatabase");
const { createRuntimeEngine } = await import("../server/services/runtimeEngine");
const { sqlClientFor } = await import("../server/db/sqlClient");
const { runDueTriggers } = await import("../server/runtime/triggers");
const { applyMessagePolicy } = await import("../server/runtime/messagePolicy");
const { importDocuments } = await import("../server/services/importDocuments");
const { publishFlow } = await import("../server/services/publishing");
const { seedDefaultWorkspace } = await import("../server/services/seed");
type SqlClient = import("../server/db/sqlClient").SqlClient;
type SqlQuery = import("../server/db/sqlClient").SqlQuery;

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) || fallback : fallback;
};
const adminUrl = args.find((a) => a.startsWith("postgres")) ?? "postgres://postgres@127.0.0.1:5432/test";
const customers = option("--customers", 1_000_000);
const batchSize = option("--batch", 1000);
const ZONES = ["Asia/Shanghai", "Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Sydney"];
// 15:00 UTC on 15 June: 09:00 has passed in all five zones, within the day's catch-up window.
const NOW = new Date("2027-06-15T15:00:00Z");

function flow(key: string, rules: boolean): unknown {
  return {
    schema: "journey-studio/flow@1",
    key,
    name: key,
    kind: "mot",
    channels: ["sms", "app", "email"],
    nodes: [
      {
        id: "start",
        type: "start",
        position: { x: 0, y: 0 },
        data: {
          trigger: { type: "date", field: "customer.birthday", at: "09:00" },
          ...(rules ? { audience: "customer.tier != 'closed'", reentry: "afterEnd" } : { reentry: "always" }),
        },
      },
      {
        id: "greet",
        type: "message",
        position: { x: 0, y: 100 },
        data: { script: "birthday-greeting", channel: "preferred", fallback: ["app", "sms"], category: "marketing" },
      },
      { id: "done", type: "end", position: { x: 0, y: 200 }, data: { outcome: "resolved" } },
    ],
    edges: [
      { id: "e1", source: "start", target: "greet" },
      { id: "e2", source: "greet", target: "done" },
    ],
  };
}

const mb = (n: number) => Math.round(n / 1024 / 1024);
const load = () => loadavg().map((l) => Number(l.toFixed(1)));

/** The customers, set-based: birthdays today over five zones, 1 in 50 closed, 1 in 10 without SMS consent. */
async function generateCustomers(sql: SqlClient, workspaceId: string, count: number): Promise<number> {
  const t0 = performance.now();
  await sql.query(
    // Customers who have been on file for a while (a minute's evaluation reads again those changed just before it).
    `insert into customers (workspace_id, external_id, name, birthday, timezone, preferred_channel, locale, profile, consent, created_at, updated_at)
     select $1, 'c-' || g, 'Customer ' || g, date '1990-06-15', ($3::jsonb ->> (g % 5)), 'sms', case when g % 2 = 0 then 'zh-CN' else 'en' end,
       jsonb_build_object('tier', case when g % 50 = 0 then 'closed' when g % 7 = 0 then 'vip' else 'gold' end),
       case when g % 10 = 0 then '{"sms": false}'::jsonb else '{}'::jsonb end, now() - interval '1 day', now() - interval '1 day'
     from generate_series(1, $2::int) g`,
    [workspaceId, count, ZONES],
  );
  // An SMS number for everyone, an app push token for every other customer.
  await sql.query(
    `insert into customer_addresses (workspace_id, customer_id, channel, address)
     select c.workspace_id, c.id, ch.channel, ch.channel || ':' || c.external_id
     from customers c, lateral (select 'sms' as channel union all select 'app' where c.external_id ~ '[02468]$') ch
     where c.workspace_id = $1`,
    [workspaceId],
  );
  await sql.query("analyze customers, customer_addresses");
  return (performance.now() - t0) / 1000;
}

async function run(rules: boolean, count: number) {
  const created = await createServerDatabase(adminUrl);
  // Generating a million customers in one statement takes longer than the default statement timeout.
  const database = await createDatabase({
    kind: "postgres",
    url: created.url,
    max: 20,
    timeouts: { statementTimeoutMs: 30 * 60_000 },
  });
  try {
    await runMigrations(database);
    const { id: workspaceId } = await seedDefaultWorkspace(database.db, { examples: false });
    const sql = sqlClientFor(database);
    const script = JSON.parse(await readFile("flows/examples/scripts/birthday-greeting.json", "utf8")) as unknown;
    const imported = await importDocuments(database.db, workspaceId, [{ name: "script", document: script }], {
      publish: true,
      publishedBy: "bench",
    });
    if (!imported.every((r) => r.ok)) throw new Error(JSON.stringify(imported));
    const generateSeconds = await generateCustomers(sql, workspaceId, count);
    if (rules)
      await sql.query("insert into workspace_policies (workspace_id, document) values ($1, $2)", [
        workspaceId,
        {
          schema: "journey-studio/policy@1",
          quietHours: { start: "21:00", end: "08:00" },
          caps: [{ categories: ["marketing", "service"], max: 1, per: "P1D" }],
          whenCapped: "skip",
        },
      ]);
    const published = await publishFlow(database.db, workspaceId, flow(rules ? "bench-rules" : "bench-plain", rules));
    if (!published.ok) throw new Error(JSON.stringify(published));
    const engine = createRuntimeEngine(sql);
    const loadBefore = load();
    let read = 0;
    let started = 0;
    const memory: Array<{ batch: number; started: number; rssMb: number; heapMb: number }> = [];
    const t0 = performance.now();
    await runDueTriggers(engine, {
      now: NOW,
      catchUpMinutes: 24 * 60,
      batchSize,
      collect: false,
      onBatch: (b) => {
        read += b.read;
        started += b.started;
        const m = process.memoryUsage();
        memory.push({ batch: memory.length + 1, started, rssMb: mb(m.rss), heapMb: mb(m.heapUsed) });
      },
    });
    const seconds = (performance.now() - t0) / 1000;
    const loadAfterStarts = load();

    // The next minute's evaluation: nobody else is due and nobody changed, so it should read (almost) nothing.
    const minute = { scanned: 0, started: 0, full: false };
    const t2 = performance.now();
    await runDueTriggers(engine, {
      now: new Date(NOW.getTime() + 60_000),
      catchUpMinutes: 24 * 60,
      batchSize,
      collect: false,
      onPass: (p) => Object.assign(minute, { scanned: p.scanned, started: p.started, full: p.full }),
    });
    const secondMinuteMs = performance.now() - t2;

    // The message policy over the queued greetings, in delivery-sized batches, as deliverOutbox applies it.
    let policed = 0;
    let policyQueries = 0;
    let policyBatches = 0;
    let policySeconds = 0;
    if (rules) {
      const counting =
        (query: SqlQuery): SqlQuery =>
        (text, params) => {
          policyQueries++;
          return query(text, params);
        };
      const policySql: SqlClient = {
        ...sql,
        query: counting(sql.query),
        transaction: (fn) => sql.transaction((query) => fn(counting(query))),
      };
      const t1 = performance.now();
      for (let after = "00000000-0000-0000-0000-000000000000"; ;) {
        const page = await sql.query<{
          id: string;
          workspace_id: string;
          customer_id: string | null;
          channel: string;
          kind: string;
          category: string | null;
          node: string | null;
          payload: unknown;
          created_at: Date;
          status: string;
          type: string;
        }>(
          // A page of 1,000 outbox rows by primary key (the messages are about half): filtered on status
          // in SQL, the planner walked the pending index and sorted every pending row for each page.
          `select id, workspace_id, customer_id, channel, kind, category, node, payload, created_at, status, type
           from outbox where id > $1 order by id limit 1000`,
          [after],
        );
        const last = page[page.length - 1]?.id;
        if (!last) break;
        const batch = page.filter((m) => m.status === "pending" && m.type === "message.send");
        if (batch.length > 0) {
          await applyMessagePolicy(policySql, batch, NOW);
          policed += batch.length;
          policyBatches++;
        }
        after = last;
      }
      policySeconds = (performance.now() - t1) / 1000;
    }
    const third = Math.max(1, Math.floor(memory.length / 3));
    const peak = (list: typeof memory, key: "rssMb" | "heapMb") => Math.max(0, ...list.map((m) => m[key]));
    const step = Math.max(1, Math.floor(memory.length / 10));
    const [sizes] = await sql.query<{ size: string }>(
      "select pg_size_pretty(pg_database_size(current_database())) as size",
    );
    console.log(
      JSON.stringify({
        rules,
        customers: count,
        batchSize,
        generateSeconds: Number(generateSeconds.toFixed(1)),
        read,
        started,
        seconds: Number(seconds.toFixed(1)),
        startsPerSecond: Math.round(started / seconds),
        msPerStart: Number(((seconds * 1000) / Math.max(1, started)).toFixed(3)),
        rssMb: { firstThird: peak(memory.slice(0, third), "rssMb"), lastThird: peak(memory.slice(-third), "rssMb") },
        heapMb: { firstThird: peak(memory.slice(0, third), "heapMb"), lastThird: peak(memory.slice(-third), "heapMb") },
        perBatch: memory.filter((m, i) => i % step === 0 || i === memory.length - 1),
        secondMinute: { ms: Number(secondMinuteMs.toFixed(1)), ...minute },
        policed,
        policyMsPerMessage: policed ? Number(((policySeconds * 1000) / policed).toFixed(4)) : null,
        policyQueriesPerBatch: policyBatches ? Number((policyQueries / policyBatches).toFixed(2)) : null,
        database: sizes?.size,
        load: { before: loadBefore, afterStarts: loadAfterStarts, end: load() },
      }),
    );
    return {
      msPerStart: (seconds * 1000) / Math.max(1, started),
      policyMsPerMessage: policed ? (policySeconds * 1000) / policed : 0,
    };
  } finally {
    await database.close();
    await created.drop();
  }
}

// `--rules-first`: the other order, to tell the rules' cost from a first run's warm-up and the load.
const rulesFirst = args.includes("--rules-first");
const first = await run(rulesFirst, customers);
const second = await run(!rulesFirst, customers);
const [plain, withRules] = rulesFirst ? [second, first] : [first, second];
console.log(
  JSON.stringify({
    msPerStartWithoutRules: Number(plain.msPerStart.toFixed(3)),
    msPerStartWithRules: Number(withRules.msPerStart.toFixed(3)),
    rulesCostMsPerStart: Number((withRules.msPerStart - plain.msPerStart).toFixed(3)),
    policyMsPerMessage: Number(withRules.policyMsPerMessage.toFixed(4)),
  }),
);
process.exit(0);
