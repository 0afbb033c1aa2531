// The analytics overlay (CONTRACT §8) on rollups against the same figures from the raw rows, same run,
// on the Postgres server: 1M interactions and 10M path rows (10 per interaction) of card-transfer-stepup
// over 30 days, 700k CSAT answers, generated with generate_series. The rollups are then built from the
// raw rows with one SQL aggregate per measure, in exactly the shape the fold writes them (the fold itself
// is proven equal to the raw counts by test/runtime/analyticsCrash.test.ts; folding 1M interactions one
// by one through it is not what this measures). Then, interleaved, 5 rounds of: the overlay as the API
// answers it (flowAnalytics on the rollups) and the raw figures (entered, exits, dwell p50/p90, CSAT,
// started/completed/outcomes/channels straight from interactions, interaction_path, interaction_events).
// Run: npx tsx bench/analytics.ts [postgres://postgres@127.0.0.1:5432/test] [--scale 0.1] [--keep]
//   --keep leaves the database; --reuse NAME measures again on one left by --keep (or by a run cut short).
import { loadavg } from "node:os";
import postgres from "postgres";

await import("../server/allowServerOnly.mjs"); // before any server module (see it)
const { createServerDatabase } = await import("../test/runtime/testDatabase");
const { createDatabase } = await import("../server/db/client");
const { runMigrations } = await import("../server/db/migrate");
const { sqlClientFor } = await import("../server/db/sqlClient");
const { seedDefaultWorkspace } = await import("../server/services/seed");
const { flowAnalytics } = await import("../server/services/analytics/flowAnalytics");

const args = process.argv.slice(2);
const adminUrl = args.find((a) => a.startsWith("postgres")) ?? "postgres://postgres@127.0.0.1:5432/test";
const scale = Number(args[args.indexOf("--scale") + 1] ?? 1) || 1;
const INTERACTIONS = Math.round(1_000_000 * (args.includes("--scale") ? scale : 1));
const ROUNDS = 5;
const FLOW = "card-transfer-stepup";

const PATH: [string, string, string][] = [
  ["start", "start", "out"],
  ["opening", "stage", "customer.identified"],
  ["probe", "ask", "transfer"],
  ["amountCheck", "decision", "else"],
  ["otpSent", "message", "out"],
  ["verifyOtp", "verify", "verified"],
  ["confirm", "stage", "next"],
  ["transaction", "stage", "transfer.succeeded"],
  ["completion", "stage", "next"],
  ["csatSurvey", "survey", "out"],
];
const DWELL_BUCKET = `case when ms <= 0 then 0 else greatest(1, ceil(ln(ms) / ln(1.1) - 1e-9))::int end`;

const ms = (t: number) => Math.round((performance.now() - t) * 10) / 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const reuse = args.includes("--reuse") ? args[args.indexOf("--reuse") + 1] : undefined;
const created = await (async () => {
  if (reuse) {
    const url = new URL(adminUrl);
    url.pathname = `/${reuse}`;
    return { url: url.toString(), drop: async () => undefined };
  }
  return createServerDatabase(adminUrl);
})();
const sql = postgres(created.url, { max: 4, onnotice: () => {} });
const database = await createDatabase({ kind: "postgres", url: created.url, max: 4 });
try {
  if (!reuse) await runMigrations(database);
  const { id: workspaceId } = reuse
    ? { id: (await sql<{ id: string }[]>`select id from workspaces order by created_at limit 1`)[0]?.id ?? "" }
    : await seedDefaultWorkspace(database.db, { examples: true });
  let t = performance.now();
  let generated = "reused";
  if (!reuse) {
    const [fv] = await sql<{ id: string }[]>`select v.id from flow_versions v join flows f on f.id = v.flow_id
      where f.key = ${FLOW} and f.workspace_id = ${workspaceId} order by v.version desc limit 1`;
    if (!fv) throw new Error("the example flow was not published");
    console.log(
      `load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}; generating ${INTERACTIONS} interactions…`,
    );

    t = performance.now();
    await sql.unsafe(`set statement_timeout = 0`);
    await sql.unsafe(
      `insert into interactions (id, workspace_id, flow_version_id, flow_key, version, status, channel, snapshot, context,
         current_node, seq, path_length, outcome, created_at, updated_at)
       select gen_random_uuid(), $1, $2, $3, 1,
         case when g % 10 < 8 then 'completed' when g % 10 = 8 then 'failed' else 'active' end,
         (array['chat', 'app', 'voice'])[1 + g % 3], '{}'::jsonb, '{}'::jsonb,
         case when g % 10 = 9 then 'csatSurvey' else 'endResolved' end, 10, 10,
         case when g % 10 < 7 then 'resolved' when g % 10 = 7 then 'escalated' when g % 10 = 8 then 'abandoned' end,
         now() - make_interval(days => g % 30, secs => g % 86000), now() - make_interval(days => g % 30, secs => g % 86000)
       from generate_series(1, $4::int) g`,
      [workspaceId, fv.id, FLOW, INTERACTIONS],
    );
    const tInteractions = ms(t);
    t = performance.now();
    const values = PATH.map(([node, type, outlet], i) => `(${i}, '${node}', '${type}', '${outlet}')`).join(", ");
    await sql.unsafe(
      `insert into interaction_path (workspace_id, interaction_id, position, node, path, type, seq, entered_at, left_at, outlet)
       select i.workspace_id, i.id, p.pos, p.node, p.node, p.type, p.pos,
         i.created_at + make_interval(secs => p.pos * 60),
         case when p.pos < 9 or i.status <> 'active' then i.created_at + make_interval(secs => p.pos * 60 + (abs(hashtext(i.id::text || p.pos)) % 120)) end,
         case when p.pos < 9 or i.status <> 'active' then p.outlet end
       from interactions i cross join (values ${values}) as p(pos, node, type, outlet)`,
    );
    const tPath = ms(t);
    t = performance.now();
    await sql.unsafe(
      `insert into interaction_events (workspace_id, interaction_id, seq, type, data, from_node, to_node, at)
       select workspace_id, id, 9, 'survey.answered', jsonb_build_object('score', 1 + abs(hashtext(id::text)) % 5),
         'csatSurvey', 'endResolved', created_at + interval '10 minutes'
       from interactions where outcome = 'resolved'`,
    );
    const tEvents = ms(t);

    // The rollups, as the fold writes them (measure, dim, count, sum per day × version × channel × node).
    t = performance.now();
    const scope = `i.workspace_id, i.flow_key, i.version, false, (i.created_at at time zone 'UTC')::date, i.channel`;
    const insert = `insert into analytics_rollups (workspace_id, flow_key, version, test, day, channel, node, measure, dim, count, sum)`;
    await sql.unsafe(
      `${insert} select ${scope}, '', 'started', '', count(*), 0 from interactions i group by 1, 2, 3, 4, 5, 6`,
    );
    await sql.unsafe(
      `${insert} select ${scope}, '', 'completed', '', count(*), 0 from interactions i where status = 'completed' group by 1, 2, 3, 4, 5, 6`,
    );
    await sql.unsafe(
      `${insert} select ${scope}, '', 'outcome', outcome, count(*), 0 from interactions i where outcome is not null group by 1, 2, 3, 4, 5, 6, 9`,
    );
    await sql.unsafe(
      `${insert} select ${scope}, p.node, 'entered', '', count(*), 0 from interaction_path p join interactions i on i.id = p.interaction_id
       group by 1, 2, 3, 4, 5, 6, 7`,
    );
    await sql.unsafe(
      `${insert} select ${scope}, p.node, 'exit', p.outlet, count(*), 0 from interaction_path p join interactions i on i.id = p.interaction_id
       where p.left_at is not null group by 1, 2, 3, 4, 5, 6, 7, 9`,
    );
    await sql.unsafe(
      `${insert} select ${scope}, node, 'dwell', (${DWELL_BUCKET})::text, count(*), sum(ms)
       from (select i.*, p.node, extract(epoch from p.left_at - p.entered_at) * 1000 as ms
             from interaction_path p join interactions i on i.id = p.interaction_id where p.left_at is not null) i
       group by 1, 2, 3, 4, 5, 6, node, (${DWELL_BUCKET})`,
    );
    // A survey's score counts for the survey and the MOT nodes before it (opening, completion).
    await sql.unsafe(
      `${insert} select ${scope}, n.node, 'csat', '', count(*), sum((e.data ->> 'score')::int)
       from interaction_events e join interactions i on i.id = e.interaction_id
         cross join (values ('csatSurvey'), ('opening'), ('completion')) as n(node)
       where e.type = 'survey.answered' group by 1, 2, 3, 4, 5, 6, 7`,
    );
    const tRollups = ms(t);
    t = performance.now();
    await sql.unsafe("vacuum (analyze)");
    const tAnalyze = ms(t);
    generated = `interactions ${tInteractions} ms, path ${tPath} ms, answers ${tEvents} ms, rollups ${tRollups} ms, vacuum analyze ${tAnalyze} ms`;
  }
  const [counts] = await sql<{ interactions: number; path: number; events: number; rollups: number }[]>`
    select (select count(*) from interactions)::int as interactions, (select count(*) from interaction_path)::int as path,
      (select count(*) from interaction_events)::int as events, (select count(*) from analytics_rollups)::int as rollups`;
  console.log(
    `data: ${counts?.interactions} interactions, ${counts?.path} path rows, ${counts?.events} survey answers, ${counts?.rollups} rollup rows (${generated})`,
  );

  const to = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.parse(to) - 29 * 86_400_000).toISOString().slice(0, 10);
  const query = sqlClientFor(database).query;
  const overlay = () => flowAnalytics(query, { workspaceId, test: false, flow: FLOW, from, to });
  const rawFilter = `i.workspace_id = $1 and i.flow_key = $2 and i.test_clock is null
    and i.created_at >= $3::date and i.created_at < $4::date + 1`;
  const raw = async () => {
    const p = [workspaceId, FLOW, from, to];
    const [flowTotals, entered, exits, dwell, csat] = await Promise.all([
      sql.unsafe(
        `select i.channel, count(*)::int as started, (count(*) filter (where status = 'completed'))::int as completed,
           jsonb_object_agg(coalesce(outcome, '-'), 1) as outcomes
         from interactions i where ${rawFilter} group by i.channel`,
        p,
      ),
      sql.unsafe(
        `select p.node, count(*)::int as n from interaction_path p join interactions i on i.id = p.interaction_id
         where ${rawFilter} and p.path = p.node group by p.node`,
        p,
      ),
      sql.unsafe(
        `select p.node, p.outlet, count(*)::int as n from interaction_path p join interactions i on i.id = p.interaction_id
         where ${rawFilter} and p.path = p.node and p.left_at is not null group by p.node, p.outlet`,
        p,
      ),
      sql.unsafe(
        `select p.node, percentile_disc(0.5) within group (order by p.left_at - p.entered_at) as p50,
           percentile_disc(0.9) within group (order by p.left_at - p.entered_at) as p90
         from interaction_path p join interactions i on i.id = p.interaction_id
         where ${rawFilter} and p.path = p.node and p.left_at is not null group by p.node`,
        p,
      ),
      sql.unsafe(
        `select count(*)::int as n, avg((e.data ->> 'score')::int)::float8 as mean
         from interaction_events e join interactions i on i.id = e.interaction_id
         where ${rawFilter} and e.type = 'survey.answered'`,
        p,
      ),
    ]);
    return { flowTotals, entered, exits, dwell, csat };
  };

  const overlayMs: number[] = [];
  const rawMs: number[] = [];
  let lastOverlay: Awaited<ReturnType<typeof overlay>> | undefined;
  let lastRaw: Awaited<ReturnType<typeof raw>> | undefined;
  await overlay(); // prepares its statements
  for (let round = 0; round < ROUNDS; round++) {
    t = performance.now();
    lastOverlay = await overlay();
    overlayMs.push(ms(t));
    t = performance.now();
    lastRaw = await raw();
    rawMs.push(ms(t));
    console.log(`round ${round + 1}: overlay on rollups ${overlayMs.at(-1)} ms, raw ${rawMs.at(-1)} ms`);
  }
  // The same figures both ways.
  const rawEntered = new Map(lastRaw?.entered.map((r) => [String(r.node), Number(r.n)]));
  const mismatched = (lastOverlay?.nodes ?? []).filter((n) => (rawEntered.get(n.node) ?? 0) !== n.entered);
  const rawCsat = lastRaw?.csat[0];
  const survey = lastOverlay?.nodes.find((n) => n.node === "csatSurvey");
  console.log(
    `check: started ${lastOverlay?.interactions.started}, entered mismatches ${mismatched.length}, ` +
      `csat rollups ${survey?.csat?.n}/${survey?.csat?.mean} raw ${rawCsat?.n}/${Number(rawCsat?.mean).toFixed(2)}`,
  );
  console.log(
    `RESULT interactions=${counts?.interactions} path=${counts?.path} overlay_median_ms=${median(overlayMs)} ` +
      `raw_median_ms=${median(rawMs)} ratio=${(median(rawMs) / median(overlayMs)).toFixed(0)}x load=${loadavg()[0]?.toFixed(1)}`,
  );
} finally {
  await database.close();
  await sql.end();
  if (!args.includes("--keep")) await created.drop();
}
