// A date trigger over many customers on the Postgres server (CONTRACT §7, issue 13): customers streamed
// in batches (heap sampled per batch), journeys started per second, and the cost per start with the MOT
// rules (audience + re-entry + the message policy at delivery) against a start without them.
// Run: npx tsx bench/triggers.ts [postgres://postgres@127.0.0.1:5432/test] [--customers 1000000]
import { loadavg } from "node:os";

await import("../server/allowServerOnly.mjs"); // before any server module (see it)
const { createDatabase } = await import("../server/db/client");
const { runMigrations } = await import("../server/db/migrate");
const { createServerDatabase } = await import("../test/runtime/testDatabase");
const { createRuntimeEngine } = await import("../server/services/runtimeEngine");
const { sqlClientFor } = await import("../server/db/sqlClient");
const { runDueTriggers } = await import("../server/runtime/triggers");
const { applyMessagePolicy } = await import("../server/runtime/messagePolicy");
const { publishFlow } = await import("../server/services/publishing");
const { seedDefaultWorkspace } = await import("../server/services/seed");

const args = process.argv.slice(2);
const adminUrl = args.find((a) => a.startsWith("postgres")) ?? "postgres://postgres@127.0.0.1:5432/test";
const customers = Number(args[args.indexOf("--customers") + 1] ?? 1_000_000) || 1_000_000;
const ZONES = ["Asia/Shanghai", "Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Sydney"];

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

async function run(rules: boolean, count: number) {
  const created = await createServerDatabase(adminUrl);
  const database = await createDatabase({ kind: "postgres", url: created.url, max: 20 });
  try {
    await runMigrations(database);
    const { id: workspaceId } = await seedDefaultWorkspace(database.db, { examples: false });
    const sql = sqlClientFor(database);
    // Customers with birthdays on 15 June, over five zones, 1 in 10 with SMS consent withdrawn.
    await sql.query(
      `insert into customers (workspace_id, external_id, birthday, timezone, preferred_channel, profile, consent)
       select $1, 'c-' || g, date '1990-06-15', ($3::text[])[1 + g % 5], 'sms',
         jsonb_build_object('tier', case when g % 50 = 0 then 'closed' else 'gold' end),
         case when g % 10 = 0 then '{"sms": false}'::jsonb else '{}'::jsonb end
       from generate_series(1, $2::int) g`,
      [workspaceId, count, `{${ZONES.join(",")}}`],
    );
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
    const engine = createRuntimeEngine(sqlClientFor(database));
    // 16 June 00:00 UTC: 09:00 has passed on 15 June in every zone but New York (13:00 UTC) — use 15:00 UTC.
    const now = new Date("2027-06-15T15:00:00Z");
    let read = 0;
    let started = 0;
    let maxHeap = 0;
    const heaps: number[] = [];
    const t0 = performance.now();
    await runDueTriggers(engine, {
      now,
      catchUpMinutes: 24 * 60,
      collect: false,
      onBatch: (b) => {
        read += b.read;
        started += b.started;
        const heap = process.memoryUsage().heapUsed;
        maxHeap = Math.max(maxHeap, heap);
        if (heaps.length < 1000) heaps.push(heap);
      },
    });
    const seconds = (performance.now() - t0) / 1000;
    // The message policy over the queued greetings, in delivery-sized batches (three queries each).
    let policed = 0;
    let policySeconds = 0;
    if (rules) {
      const t1 = performance.now();
      for (let after = "00000000-0000-0000-0000-000000000000"; ;) {
        const batch = await sql.query<{
          id: string;
          workspace_id: string;
          customer_id: string | null;
          channel: string;
          kind: string;
          category: string | null;
          node: string | null;
          payload: unknown;
          created_at: Date;
        }>(
          "select id, workspace_id, customer_id, channel, kind, category, node, payload, created_at from outbox where id > $1 and status = 'pending' order by id limit 500",
          [after],
        );
        if (batch.length === 0) break;
        await applyMessagePolicy(sql, batch, now);
        policed += batch.length;
        after = batch[batch.length - 1]?.id ?? after;
      }
      policySeconds = (performance.now() - t1) / 1000;
    }
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
    const third = Math.floor(heaps.length / 3);
    console.log(
      JSON.stringify({
        rules,
        customers: count,
        read,
        started,
        seconds: Number(seconds.toFixed(1)),
        startsPerSecond: Math.round(started / seconds),
        msPerStart: Number(((seconds * 1000) / Math.max(1, started)).toFixed(3)),
        heapFirstThird: mb(heaps.slice(0, third).reduce((a, b) => Math.max(a, b), 0)),
        heapLastThird: mb(heaps.slice(-third).reduce((a, b) => Math.max(a, b), 0)),
        heapMax: mb(maxHeap),
        policed,
        policyMsPerMessage: policed ? Number(((policySeconds * 1000) / policed).toFixed(3)) : null,
        load: loadavg().map((l) => l.toFixed(1)),
      }),
    );
  } finally {
    await database.close();
    await created.drop();
  }
}

await run(false, customers);
await run(true, customers);
process.exit(0);
