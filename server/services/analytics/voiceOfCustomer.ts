// Voice of the customer: the survey comments of a flow at their node and channel, tagged with the
// workspace's drivers (keyword rules per locale), their Pareto, and the weekly NPS / CSAT trend with the
// driver mix of the detractors behind it.
import "server-only";
import { pareto, tagComment, type DriverRule } from "../../../flows/analytics/driverTagging";
import { csatMean, npsClass, npsScore } from "../../../flows/analytics/surveyFigures";
import type { SqlQuery } from "../../db/sqlClient";

export type VoiceQuery = {
  workspaceId: string;
  test: boolean;
  flow: string;
  from: string;
  to: string;
  node?: string;
  channel?: string;
};

export type VoiceComment = {
  interactionId: string;
  node: string;
  channel: string;
  metric: string;
  score: number;
  comment: string;
  at: string;
  drivers: string[];
};

export type VoiceOfCustomer = {
  drivers: { driver: string; labels: Record<string, string> }[];
  comments: VoiceComment[];
  pareto: { driver: string; count: number; cumulative: number }[];
  trend: {
    week: string;
    nps: { n: number; score: number | null };
    csat: { n: number; mean: number | null };
    detractors: number;
    /** Share (%) of the week's detractor comments that mention each driver. */
    mix: Record<string, number>;
  }[];
  /** Drivers whose share among detractors moved by 10 points or more from the week before the last. */
  shifts: { driver: string; week: string; points: number }[];
};

const COMMENTS = `select interaction_id, node, channel, metric, score, comment, locale, at
  from analytics_comments
  where workspace_id = $1 and flow_key = $2 and test = $3 and day >= $4::date and day <= $5::date
    and ($6::text is null or node = $6) and ($7::text is null or channel = $7)
  order by at desc limit 20000`;

/** `rules`: the workspace's taxonomy as it is now (analyticsDrivers.ts `driverRules`): tagging happens here, at read time. */
export async function voiceOfCustomer(
  query: SqlQuery,
  q: VoiceQuery,
  rules: readonly DriverRule[],
): Promise<VoiceOfCustomer> {
  const rows = await query<{
    interaction_id: string;
    node: string;
    channel: string;
    metric: string;
    score: number;
    comment: string | null;
    locale: string | null;
    at: Date;
  }>(COMMENTS, [q.workspaceId, q.flow, q.test, q.from, q.to, q.node ?? null, q.channel ?? null]);
  const labels = new Map<string, Record<string, string>>();
  for (const rule of rules) labels.set(rule.driver, { ...labels.get(rule.driver), [rule.locale]: rule.label });

  const tagged = rows.map((r) => ({ row: r, drivers: r.comment ? tagComment(r.comment, rules, r.locale) : [] }));
  const weeks = new Map<string, { scores: { metric: string; score: number }[]; detractorDrivers: string[][] }>();
  for (const { row, drivers } of tagged) {
    const week = weekOf(row.at);
    const w = weeks.get(week) ?? { scores: [], detractorDrivers: [] };
    weeks.set(week, w);
    w.scores.push({ metric: row.metric, score: row.score });
    const detractor = row.metric === "nps" ? npsClass(row.score) === "detractors" : row.score <= 2;
    if (detractor && row.comment) w.detractorDrivers.push(drivers);
  }
  const trend = [...weeks.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([week, w]) => {
      const nps = { promoters: 0, passives: 0, detractors: 0 };
      let csatN = 0;
      let csatSum = 0;
      for (const s of w.scores) {
        if (s.metric === "nps") nps[npsClass(s.score)]++;
        else {
          csatN++;
          csatSum += s.score;
        }
      }
      const mix: Record<string, number> = {};
      for (const { driver, count } of pareto(w.detractorDrivers)) {
        mix[driver] = Math.round((count * 1000) / w.detractorDrivers.length) / 10;
      }
      return {
        week,
        nps: { n: nps.promoters + nps.passives + nps.detractors, score: npsScore(nps) },
        csat: { n: csatN, mean: csatMean(csatN, csatSum) },
        detractors: w.detractorDrivers.length,
        mix,
      };
    });
  const shifts: VoiceOfCustomer["shifts"] = [];
  const [previous, last] = trend.slice(-2);
  if (previous && last) {
    for (const driver of new Set([...Object.keys(previous.mix), ...Object.keys(last.mix)])) {
      const points = Math.round(((last.mix[driver] ?? 0) - (previous.mix[driver] ?? 0)) * 10) / 10;
      if (Math.abs(points) >= 10) shifts.push({ driver, week: last.week, points });
    }
    shifts.sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
  }
  return {
    drivers: [...labels.entries()].map(([driver, l]) => ({ driver, labels: l })),
    comments: tagged
      .filter(({ row }) => row.comment)
      .slice(0, 200)
      .map(({ row, drivers }) => ({
        interactionId: row.interaction_id,
        node: row.node,
        channel: row.channel,
        metric: row.metric,
        score: row.score,
        comment: row.comment ?? "",
        at: row.at.toISOString(),
        drivers,
      })),
    pareto: pareto(tagged.map((t) => t.drivers)),
    trend,
    shifts,
  };
}

/** The Monday (UTC) of the week `at` falls in, as YYYY-MM-DD. */
function weekOf(at: Date): string {
  const day = (at.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() - day)).toISOString().slice(0, 10);
}
