// Script variants of a flow (from the rollups): sends, how many took the next step, the CSAT answered
// after them, and whether a variant's next-step rate differs from the others' at its node beyond chance.
import "server-only";
import { csatMean } from "../../../flows/analytics/surveyFigures";
import { twoProportionTest } from "../../../flows/analytics/twoProportionTest";
import type { SqlQuery } from "../../db/sqlClient";
import { AppError } from "../../errors/appError";

export type VariantFigure = {
  node: string;
  script: string;
  variant: string;
  sends: number;
  next: number;
  nextRate: number;
  csat?: { n: number; mean: number };
  /** Against the node's other variants together (null when it has none). */
  test: { z: number; p: number; significant: boolean } | null;
};

const VARIANTS = `select node, measure, dim, sum(count)::float8 as n, sum(sum)::float8 as s from analytics_rollups
  where workspace_id = $1 and flow_key = $2 and test = $3 and day >= $4::date and day <= $5::date
    and measure in ('send', 'sendNext', 'sendCsat') and ($6::text is null or channel = $6)
  group by node, measure, dim`;

const PUBLISHED = `select 1 from flow_versions fv join flows f on f.id = fv.flow_id
  where f.workspace_id = $1 and f.key = $2 limit 1`;

/** FLOW_NOT_FOUND when the flow was never published. */
export async function variantFigures(
  query: SqlQuery,
  q: { workspaceId: string; test: boolean; flow: string; from: string; to: string; channel?: string },
): Promise<VariantFigure[]> {
  const [published, rows] = await Promise.all([
    query(PUBLISHED, [q.workspaceId, q.flow]),
    query<{ node: string; measure: string; dim: string; n: number; s: number }>(VARIANTS, [
      q.workspaceId,
      q.flow,
      q.test,
      q.from,
      q.to,
      q.channel ?? null,
    ]),
  ]);
  if (published.length === 0) throw new AppError("FLOW_NOT_FOUND", { detail: `No published flow "${q.flow}".` });
  const byKey = new Map<
    string,
    { node: string; dim: string; sends: number; next: number; csatN: number; csatSum: number }
  >();
  for (const r of rows) {
    const key = `${r.node}\u0000${r.dim}`;
    const v = byKey.get(key) ?? { node: r.node, dim: r.dim, sends: 0, next: 0, csatN: 0, csatSum: 0 };
    byKey.set(key, v);
    if (r.measure === "send") v.sends += r.n;
    else if (r.measure === "sendNext") v.next += r.n;
    else {
      v.csatN += r.n;
      v.csatSum += r.s;
    }
  }
  const all = [...byKey.values()];
  return all
    .map((v) => {
      const others = all.filter((o) => o.node === v.node && o.dim !== v.dim);
      const otherSends = others.reduce((sum, o) => sum + o.sends, 0);
      const otherNext = others.reduce((sum, o) => sum + o.next, 0);
      const [script = "", variant = ""] = splitDim(v.dim);
      const mean = csatMean(v.csatN, v.csatSum);
      return {
        node: v.node,
        script,
        variant,
        sends: v.sends,
        next: v.next,
        nextRate: v.sends === 0 ? 0 : Math.round((v.next * 1000) / v.sends) / 10,
        ...(mean !== null ? { csat: { n: v.csatN, mean } } : {}),
        test: others.length === 0 ? null : twoProportionTest(v.next, v.sends, otherNext, otherSends),
      };
    })
    .sort((a, b) => a.node.localeCompare(b.node) || b.sends - a.sends);
}

/** `key:variant` (the last colon: a script key may hold colons, a variant id does not). */
function splitDim(dim: string): [string, string] {
  const at = dim.lastIndexOf(":");
  return at < 0 ? [dim, ""] : [dim.slice(0, at), dim.slice(at + 1)];
}
