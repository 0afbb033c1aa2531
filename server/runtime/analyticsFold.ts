// The analytics fold (CONTRACT §8): a worker folds what steps wrote into the rollups, incrementally.
//
// Its one source is the interactions row, which every step's statement updates (`updated_at = now()`)
// along with the path rows, the event row and the outbox rows it writes: an interaction changed since
// the watermark is re-read whole (its path, its survey answers, its messages), its contribution is
// recomputed (flows/analytics) and only the difference from what it added last time (analytics_facts)
// is added to the rollups. Folding one interaction twice therefore changes nothing, and a fold, its facts
// and its watermark move in one transaction: a crash loses nothing and doubles nothing.
//
// The watermark is a point in (updated_at, id) order below which every change is folded. `updated_at`
// is its writer's transaction start, and a transaction may commit long after it started, so the fold
// reads only below `hi`: the start of the oldest transaction still open anywhere (pg_stat_activity, read
// before the fold's snapshot), less a second. Every change below `hi` is committed and visible.
import "server-only";
import {
  contributionNodes,
  interactionContribution,
  type ContributionNode,
  type RollupEntry,
} from "../../flows/analytics/interactionContribution";
import type { SqlClient, SqlQuery } from "../db/sqlClient";

export const FOLD_SOURCE = "steps";
const ZERO_ID = "00000000-0000-0000-0000-000000000000";
/** Transactions this much younger than the oldest open one are not trusted to be reported yet. */
const SAFETY_MS = 1_000;

const HIGH_WATER = `select least(now() - make_interval(secs => $1::float8 / 1000),
    (select min(xact_start) from pg_stat_activity
      where datname = current_database() and xact_start is not null and pid <> pg_backend_pid())) as hi`;

const ENSURE = `insert into analytics_watermarks (source, at, after_id, folded_at)
  values ($1, '1970-01-01T00:00:00Z', '${ZERO_ID}', now()) on conflict (source) do nothing`;

const LOCK = `select at, after_id from analytics_watermarks where source = $1 for update skip locked`;

const CHANGED = `select i.id, i.workspace_id, i.flow_key, i.version, i.flow_version_id, i.status, i.outcome, i.channel,
    i.test_clock is not null as test, to_char(i.created_at at time zone 'UTC', 'YYYY-MM-DD') as day, i.updated_at,
    f.initial_channel, f.entries
  from interactions i left join analytics_facts f on f.interaction_id = i.id
  where (i.updated_at, i.id) > ($1::timestamptz, $2::uuid) and i.updated_at < $3::timestamptz
  order by i.updated_at, i.id limit $4`;

const PATHS = `select interaction_id, node, path, type, seq, entered_at, left_at, outlet, data
  from interaction_path where interaction_id = any(array(select jsonb_array_elements_text($1::jsonb)::uuid)) order by interaction_id, position`;

const SURVEYS = `select interaction_id, seq, data, from_node, at from interaction_events
  where interaction_id = any(array(select jsonb_array_elements_text($1::jsonb)::uuid))
    and type in ('survey.answered', 'interaction.started') order by interaction_id, seq`;

const MESSAGES = `select interaction_id, node, kind, script, payload from outbox
  where interaction_id = any(array(select jsonb_array_elements_text($1::jsonb)::uuid)) and kind = 'script' order by interaction_id, created_at`;

const VERSIONS = `select id, source from flow_versions where id = any(array(select jsonb_array_elements_text($1::jsonb)::uuid))`;

const ADD = `insert into analytics_rollups (workspace_id, flow_key, version, test, day, channel, node, measure, dim, count, sum)
  select * from jsonb_to_recordset($1::jsonb) as x(workspace_id uuid, flow_key text, version int, test boolean, day date,
    channel text, node text, measure text, dim text, count bigint, sum float8)
  on conflict (workspace_id, flow_key, test, day, version, channel, node, measure, dim)
  do update set count = analytics_rollups.count + excluded.count, sum = analytics_rollups.sum + excluded.sum`;

const FACTS = `insert into analytics_facts (interaction_id, workspace_id, initial_channel, entries, folded_at)
  select x.interaction_id, x.workspace_id, x.initial_channel, x.entries, now()
  from jsonb_to_recordset($1::jsonb) as x(interaction_id uuid, workspace_id uuid, initial_channel text, entries jsonb)
  on conflict (interaction_id) do update set entries = excluded.entries, folded_at = now()`;

const COMMENTS = `insert into analytics_comments (workspace_id, interaction_id, seq, flow_key, version, test, day, node, channel,
    metric, score, comment, locale, at)
  select * from jsonb_to_recordset($1::jsonb) as x(workspace_id uuid, interaction_id uuid, seq int, flow_key text, version int,
    test boolean, day date, node text, channel text, metric text, score int, comment text, locale text, at timestamptz)
  on conflict (interaction_id, seq) do nothing`;

const ADVANCE = `update analytics_watermarks set at = $2, after_id = $3, folded_at = now() where source = $1`;

type Changed = {
  id: string;
  workspace_id: string;
  flow_key: string;
  version: number;
  flow_version_id: string;
  status: string;
  outcome: string | null;
  channel: string;
  test: boolean;
  day: string;
  updated_at: Date;
  initial_channel: string | null;
  entries: RollupEntry[] | null;
};

export type FoldResult = { folded: number; busy: boolean; locked: boolean };

/** The nodes of each published version, by version id (versions never change). */
const versionNodes = new Map<string, Map<string, ContributionNode>>();

/** One fold of up to `batch` changed interactions. */
export async function foldAnalytics(sql: SqlClient, batch = 500): Promise<FoldResult> {
  const [high] = await sql.query<{ hi: Date }>(HIGH_WATER, [SAFETY_MS]);
  const hi = high?.hi;
  if (!hi) return { folded: 0, busy: false, locked: false };
  await sql.query(ENSURE, [FOLD_SOURCE]);
  try {
    return await sql.transaction(async (query) => {
      await query("set transaction isolation level repeatable read");
      const [mark] = await query<{ at: Date; after_id: string }>(LOCK, [FOLD_SOURCE]);
      // Another process is folding.
      if (!mark) return { folded: 0, busy: false, locked: true };
      const changed = await query<Changed>(CHANGED, [mark.at, mark.after_id, hi, batch]);
      if (changed.length > 0) await foldChanged(query, changed);
      const full = changed.length === batch;
      const last = changed.at(-1);
      const next = full && last ? { at: last.updated_at, id: last.id } : { at: hi, id: ZERO_ID };
      // The watermark never moves back (hi can, when a transaction older than the last fold is reported).
      if (
        next.at.getTime() > mark.at.getTime() ||
        (next.at.getTime() === mark.at.getTime() && next.id > mark.after_id)
      ) {
        await query(ADVANCE, [FOLD_SOURCE, next.at, next.id]);
      } else await query(ADVANCE, [FOLD_SOURCE, mark.at, mark.after_id]);
      return { folded: changed.length, busy: full, locked: false };
    });
  } catch (error) {
    // Another fold committed the watermark after this one's snapshot: it did the work.
    if (error instanceof Error && Reflect.get(error, "code") === "40001")
      return { folded: 0, busy: false, locked: true };
    throw error;
  }
}

async function foldChanged(query: SqlQuery, changed: Changed[]): Promise<void> {
  const ids = changed.map((c) => c.id);
  const [paths, surveys, messages] = await Promise.all([
    query<{
      interaction_id: string;
      node: string;
      path: string;
      type: string;
      seq: number;
      entered_at: Date;
      left_at: Date | null;
      outlet: string | null;
      data: Record<string, unknown> | null;
    }>(PATHS, [ids]),
    query<{ interaction_id: string; seq: number; data: unknown; from_node: string | null; at: Date }>(SURVEYS, [ids]),
    query<{ interaction_id: string; node: string | null; kind: string; script: unknown; payload: unknown }>(MESSAGES, [
      ids,
    ]),
  ]);
  const missing = [...new Set(changed.map((c) => c.flow_version_id))].filter((id) => !versionNodes.has(id));
  if (missing.length > 0) {
    for (const row of await query<{ id: string; source: unknown }>(VERSIONS, [missing])) {
      const nodes: unknown =
        row.source && typeof row.source === "object" ? Reflect.get(row.source, "nodes") : undefined;
      versionNodes.set(row.id, contributionNodes(Array.isArray(nodes) ? nodes.filter(isNodeLike) : []));
    }
  }
  const byInteraction = <T extends { interaction_id: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const row of rows) map.set(row.interaction_id, [...(map.get(row.interaction_id) ?? []), row]);
    return map;
  };
  const pathOf = byInteraction(paths);
  const surveysOf = byInteraction(surveys);
  const messagesOf = byInteraction(messages);

  const deltas = new Map<string, Record<string, unknown> & { count: number; sum: number }>();
  const facts: object[] = [];
  const comments: object[] = [];
  for (const c of changed) {
    // The channel it started on: as first folded, else as the start recorded it, else the current one (a
    // handoff switches the interaction's channel: one folded only after a handoff needs the start's).
    const started = (surveysOf.get(c.id) ?? []).find((r) => r.seq === 0);
    const startChannel = field(started?.data, "channel");
    const initialChannel = c.initial_channel ?? (typeof startChannel === "string" ? startChannel : c.channel);
    const contribution = interactionContribution({
      status: c.status,
      outcome: c.outcome,
      initialChannel,
      path: (pathOf.get(c.id) ?? []).map((r) => ({
        node: r.node,
        path: r.path,
        type: r.type,
        seq: r.seq,
        enteredAt: r.entered_at.getTime(),
        leftAt: r.left_at ? r.left_at.getTime() : null,
        outlet: r.outlet,
        data: r.data,
      })),
      surveys: (surveysOf.get(c.id) ?? []).flatMap((r) => {
        if (r.seq === 0) return [];
        const score = field(r.data, "score");
        const comment = field(r.data, "comment");
        if (typeof score !== "number" || r.from_node === null) return [];
        return [
          {
            seq: r.seq,
            node: r.from_node,
            score,
            comment: typeof comment === "string" ? comment : null,
            at: r.at.getTime(),
          },
        ];
      }),
      messages: (messagesOf.get(c.id) ?? []).map((r) => {
        const key = field(r.script, "key") ?? field(r.payload, "script");
        const variant = field(r.script, "variant") ?? field(r.payload, "variant");
        const node = r.node ?? field(r.payload, "node");
        return {
          node: typeof node === "string" ? node : null,
          key: typeof key === "string" ? key : null,
          variant: typeof variant === "string" ? variant : null,
        };
      }),
      nodes: versionNodes.get(c.flow_version_id) ?? new Map(),
    });
    const scope = { workspace_id: c.workspace_id, flow_key: c.flow_key, version: c.version, test: c.test, day: c.day };
    const addDelta = ([channel, node, measure, dim, count, sum]: RollupEntry, sign: 1 | -1) => {
      const key = [c.workspace_id, c.flow_key, c.version, c.test, c.day, channel, node, measure, dim].join("\u0000");
      const entry = deltas.get(key) ?? { ...scope, channel, node, measure, dim, count: 0, sum: 0 };
      entry.count += sign * count;
      entry.sum += sign * sum;
      deltas.set(key, entry);
    };
    for (const entry of c.entries ?? []) addDelta(entry, -1);
    for (const entry of contribution.entries) addDelta(entry, 1);
    facts.push({
      interaction_id: c.id,
      workspace_id: c.workspace_id,
      initial_channel: initialChannel,
      entries: contribution.entries,
    });
    for (const comment of contribution.comments) {
      comments.push({
        ...scope,
        interaction_id: c.id,
        seq: comment.seq,
        node: comment.node,
        channel: comment.channel,
        metric: comment.metric,
        score: comment.score,
        comment: comment.comment,
        locale: null,
        at: new Date(comment.at).toISOString(),
      });
    }
  }
  const changes = [...deltas.values()].filter((d) => d.count !== 0 || Math.abs(d.sum) > 1e-9);
  if (changes.length > 0) await query(ADD, [changes]);
  await query(FACTS, [facts]);
  if (comments.length > 0) await query(COMMENTS, [comments]);
}

function field(value: unknown, name: string): unknown {
  return value !== null && typeof value === "object" ? Reflect.get(value, name) : undefined;
}

function isNodeLike(value: unknown): value is { id: string; type: string; data?: unknown } {
  return typeof field(value, "id") === "string" && typeof field(value, "type") === "string";
}
