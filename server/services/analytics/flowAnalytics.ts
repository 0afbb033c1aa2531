// GET /flows/{key}/analytics (CONTRACT §8): a flow's figures from the rollups the fold keeps
// (server/runtime/analyticsFold.ts), never from the step log.
import "server-only";
import { histogramPercentile } from "../../../flows/analytics/dwellBuckets";
import { longestTimeoutMs } from "../../../flows/analytics/flowTimeouts";
import { csatMean, npsScore } from "../../../flows/analytics/surveyFigures";
import { AppError } from "../../errors/appError";
import type { SqlQuery } from "../../db/sqlClient";
import { FOLD_SOURCE } from "../../runtime/analyticsFold";

export type AnalyticsQuery = {
  workspaceId: string;
  test: boolean;
  flow: string;
  /** UTC days, inclusive: YYYY-MM-DD. */
  from: string;
  to: string;
  version?: number;
  channel?: string;
};

export type NodeFigures = {
  node: string;
  entered: number;
  exits: Record<string, number>;
  dropped: number;
  dwellMs?: { p50: number; p90: number };
  csat?: { n: number; mean: number };
  nps?: { n: number; score: number; promoters: number; passives: number; detractors: number };
};

export type FlowAnalytics = {
  flow: string;
  from: string;
  to: string;
  interactions: { started: number; completed: number; byOutcome: Record<string, number> };
  nodes: NodeFigures[];
  channels: { channel: string; started: number; completed: number }[];
  /** Every step written before this instant is in the figures. */
  foldedThrough: string;
  lagMs: number;
};

const VERSIONS = `select fv.version, fv.source from flow_versions fv join flows f on f.id = fv.flow_id
  where f.workspace_id = $1 and f.key = $2 order by fv.version`;

const ROLLUPS = `select channel, node, measure, dim, sum(count)::float8 as n, sum(sum)::float8 as s
  from analytics_rollups
  where workspace_id = $1 and flow_key = $2 and test = $3 and day >= $4::date and day <= $5::date
    and ($6::int is null or version = $6) and ($7::text is null or channel = $7)
  group by channel, node, measure, dim`;

// Interactions still waiting past their version's longest timeout (live ones: a test clock only moves
// when told to).
const STALLED = `select i.current_node as node, count(*)::float8 as n
  from interactions i join jsonb_to_recordset($8::jsonb) as t(version int, ms float8) on t.version = i.version
  where i.workspace_id = $1 and i.flow_key = $2 and not $3 and i.test_clock is null and i.status in ('active', 'waiting')
    and i.created_at >= $4::date and i.created_at < $5::date + 1
    and ($6::int is null or i.version = $6) and ($7::text is null or i.channel = $7)
    and i.updated_at < now() - make_interval(secs => t.ms / 1000) and i.current_node is not null
  group by i.current_node`;

const WATERMARK = `select at, greatest(0, extract(epoch from now() - at) * 1000)::float8 as lag_ms
  from analytics_watermarks where source = $1`;

type Acc = { entered: number; exits: Map<string, number>; dropped: number; dwell: Map<number, number> } & {
  csat: { n: number; sum: number };
  nps: { promoters: number; passives: number; detractors: number };
};

export async function flowAnalytics(query: SqlQuery, q: AnalyticsQuery): Promise<FlowAnalytics> {
  const versions = await query<{ version: number; source: unknown }>(VERSIONS, [q.workspaceId, q.flow]);
  if (versions.length === 0) throw new AppError("FLOW_NOT_FOUND", { detail: `No published flow "${q.flow}".` });
  const nodesOf = (source: unknown): { id: string; data?: unknown }[] => {
    const nodes: unknown = source !== null && typeof source === "object" ? Reflect.get(source, "nodes") : undefined;
    return Array.isArray(nodes)
      ? nodes.filter((n): n is { id: string; data?: unknown } => typeof Reflect.get(n ?? {}, "id") === "string")
      : [];
  };
  const thresholds = versions.flatMap((v) => {
    const ms = longestTimeoutMs(nodesOf(v.source));
    return ms === null ? [] : [{ version: v.version, ms }];
  });
  const params = [q.workspaceId, q.flow, q.test, q.from, q.to, q.version ?? null, q.channel ?? null];
  const [rollups, stalled, marks] = await Promise.all([
    query<{ channel: string; node: string; measure: string; dim: string; n: number; s: number }>(ROLLUPS, params),
    thresholds.length > 0 ? query<{ node: string; n: number }>(STALLED, [...params, thresholds]) : Promise.resolve([]),
    query<{ at: Date; lag_ms: number }>(WATERMARK, [FOLD_SOURCE]),
  ]);

  const byOutcome: Record<string, number> = {};
  const interactions = { started: 0, completed: 0, byOutcome };
  const channels = new Map<string, { channel: string; started: number; completed: number }>();
  const nodes = new Map<string, Acc>();
  const acc = (node: string): Acc => {
    let a = nodes.get(node);
    if (!a) {
      a = {
        entered: 0,
        exits: new Map(),
        dropped: 0,
        dwell: new Map(),
        csat: { n: 0, sum: 0 },
        nps: { promoters: 0, passives: 0, detractors: 0 },
      };
      nodes.set(node, a);
    }
    return a;
  };
  // Every node of the version(s) asked for, in document order, even those no interaction reached.
  const shown = q.version === undefined ? versions : versions.filter((v) => v.version === q.version);
  for (const v of [...shown].reverse()) for (const n of nodesOf(v.source)) acc(n.id);

  for (const r of rollups) {
    if (r.node === "") {
      const ch = channels.get(r.channel) ?? { channel: r.channel, started: 0, completed: 0 };
      channels.set(r.channel, ch);
      if (r.measure === "started") {
        interactions.started += r.n;
        ch.started += r.n;
      } else if (r.measure === "completed") {
        interactions.completed += r.n;
        ch.completed += r.n;
      } else if (r.measure === "outcome") interactions.byOutcome[r.dim] = (interactions.byOutcome[r.dim] ?? 0) + r.n;
      continue;
    }
    const a = acc(r.node);
    if (r.measure === "entered") a.entered += r.n;
    else if (r.measure === "exit") a.exits.set(r.dim, (a.exits.get(r.dim) ?? 0) + r.n);
    else if (r.measure === "dropped") a.dropped += r.n;
    else if (r.measure === "dwell") a.dwell.set(Number(r.dim), (a.dwell.get(Number(r.dim)) ?? 0) + r.n);
    else if (r.measure === "csat") {
      a.csat.n += r.n;
      a.csat.sum += r.s;
    } else if (r.measure === "nps" && (r.dim === "promoters" || r.dim === "passives" || r.dim === "detractors")) {
      a.nps[r.dim] += r.n;
    }
  }
  for (const s of stalled) acc(s.node).dropped += s.n;

  const mark = marks[0];
  return {
    flow: q.flow,
    from: q.from,
    to: q.to,
    interactions,
    nodes: [...nodes.entries()].map(([node, a]) => figures(node, a)),
    channels: [...channels.values()].sort((x, y) => y.started - x.started || x.channel.localeCompare(y.channel)),
    foldedThrough: (mark?.at ?? new Date(0)).toISOString(),
    lagMs: Math.round(mark?.lag_ms ?? 0),
  };
}

function figures(node: string, a: Acc): NodeFigures {
  const result: NodeFigures = { node, entered: a.entered, exits: Object.fromEntries(a.exits), dropped: a.dropped };
  const p50 = histogramPercentile(a.dwell, 0.5);
  const p90 = histogramPercentile(a.dwell, 0.9);
  if (p50 !== null && p90 !== null) result.dwellMs = { p50, p90 };
  const mean = csatMean(a.csat.n, a.csat.sum);
  if (mean !== null) result.csat = { n: a.csat.n, mean };
  const score = npsScore(a.nps);
  if (score !== null) result.nps = { n: a.nps.promoters + a.nps.passives + a.nps.detractors, score, ...a.nps };
  return result;
}
