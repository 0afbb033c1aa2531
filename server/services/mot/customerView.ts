// The customer's 360° view in the studio: profile, addresses, consent, tags, the audiences they are in,
// every interaction and message across channels (held ones with their reason), their last survey score.
import "server-only";
import { expressionIsTrue, type JsonValue } from "../../../flows";
import type { SqlQuery } from "../../db/sqlClient";
import { CUSTOMER_CONTEXT_COLUMNS, customerContext, type CustomerContextRow } from "../../runtime/customerContext";
import { FLOW_ARCHIVED_SQL } from "../../runtime/archivedFlow";
import { getCustomer, type Customer } from "../customers";
import { getWorkspacePolicy } from "./workspacePolicyDocument";

export type CustomerHit = { id: string; name: string | null; addresses: string[] };

export type TimelineEntry =
  | {
      kind: "interaction";
      at: string;
      id: string;
      flow: string;
      channel: string;
      status: string;
      outcome: string | null;
    }
  | {
      kind: "message";
      at: string;
      id: string;
      flow: string | null;
      channel: string;
      status: string;
      reason: string | null;
      script: string | null;
      category: string | null;
    };

export type CustomerView = {
  customer: Customer;
  /** The journeys whose start would admit them now: their audience and named segment (if any) both hold. */
  audiences: Array<{ flow: string; name: string; audience: string; segment?: string }>;
  timeline: TimelineEntry[];
  lastSurvey: { metric: string | null; score: number; comment: string | null; at: string } | null;
};

/** Customers whose id, name or an address contains `text` (case-insensitive), at most 20. */
export async function searchCustomers(query: SqlQuery, workspaceId: string, text: string): Promise<CustomerHit[]> {
  const like = `%${text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await query<{ external_id: string; name: string | null; addresses: string[] | null }>(
    `select c.external_id, c.name, array(select a.channel || ': ' || a.address from customer_addresses a where a.customer_id = c.id order by a.channel) as addresses
     from customers c
     where c.workspace_id = $1 and (c.external_id ilike $2 or c.name ilike $2
       or exists (select 1 from customer_addresses a where a.customer_id = c.id and a.address ilike $2))
     order by c.external_id limit 20`,
    [workspaceId, like],
  );
  return rows.map((r) => ({ id: r.external_id, name: r.name, addresses: r.addresses ?? [] }));
}

const TIMELINE = `
(select 'interaction' as kind, i.created_at as at, i.id::text as id, i.flow_key as flow, i.channel, i.status, i.outcome,
   null::text as reason, null::text as script, null::text as category
 from interactions i where i.workspace_id = $1 and i.customer_id = $2 and i.test_clock is null)
union all
(select 'message', o.created_at, o.id::text, i.flow_key, o.channel, o.status, null, o.reason,
   coalesce(o.script ->> 'key', o.payload ->> 'script'), coalesce(o.category, o.payload ->> 'category')
 from outbox o left join interactions i on i.id = o.interaction_id
 where o.workspace_id = $1 and o.customer_id = $2 and (o.node is not null or o.payload ->> 'kind' in ('message', 'survey'))
   and (i.id is null or i.test_clock is null))
order by at desc limit 200`;

const LAST_SURVEY = `select e.data, e.at from interaction_events e join interactions i on i.id = e.interaction_id
  where i.workspace_id = $1 and i.customer_id = $2 and e.type = 'survey.answered' order by e.at desc limit 1`;

const AUDIENCES = `select distinct on (v.flow_id) f.key, f.name, v.source -> 'nodes' as nodes
  from flow_versions v join flows f on f.id = v.flow_id
  where v.workspace_id = $1 and not ${FLOW_ARCHIVED_SQL}
  order by v.flow_id, v.version desc`;

export async function customerView(
  query: SqlQuery,
  workspaceId: string,
  externalId: string,
): Promise<CustomerView | undefined> {
  const customer = await getCustomer(query, workspaceId, externalId);
  if (!customer) return undefined;
  const [row] = await query<CustomerContextRow & { id: string }>(
    `select ${CUSTOMER_CONTEXT_COLUMNS} from customers c where c.workspace_id = $1 and c.external_id = $2`,
    [workspaceId, externalId],
  );
  if (!row) return undefined;
  const context: { [key: string]: JsonValue } = customerContext(row);
  const [timeline, survey, flows, policy] = await Promise.all([
    query<{
      kind: "interaction" | "message";
      at: Date | string;
      id: string;
      flow: string | null;
      channel: string;
      status: string;
      outcome: string | null;
      reason: string | null;
      script: string | null;
      category: string | null;
    }>(TIMELINE, [workspaceId, row.id]),
    query<{ data: { [key: string]: JsonValue } | null; at: Date | string }>(LAST_SURVEY, [workspaceId, row.id]),
    query<{
      key: string;
      name: string;
      nodes: Array<{ type?: string; data?: { audience?: unknown; segment?: unknown } }>;
    }>(AUDIENCES, [workspaceId]),
    getWorkspacePolicy(query, workspaceId),
  ]);
  const holds = (expression: string) => expressionIsTrue(expression, { vars: {}, customer: context });
  const audiences = flows.flatMap((flow) => {
    const data = flow.nodes.find((n) => n.type === "start")?.data;
    const audience = typeof data?.audience === "string" ? data.audience : undefined;
    const segment = typeof data?.segment === "string" ? data.segment : undefined;
    if (audience === undefined && segment === undefined) return [];
    const segmentAudience = segment && policy.segments?.find((s) => s.name === segment)?.audience;
    if (segment !== undefined && (!segmentAudience || !holds(segmentAudience))) return [];
    if (audience !== undefined && !holds(audience)) return [];
    return [{ flow: flow.key, name: flow.name, audience: audience ?? "", ...(segment ? { segment } : {}) }];
  });
  const answered = survey[0];
  const score = answered?.data?.score;
  return {
    customer,
    audiences,
    timeline: timeline.map((t) => {
      const at = new Date(t.at).toISOString();
      return t.kind === "interaction"
        ? { kind: t.kind, at, id: t.id, flow: t.flow ?? "", channel: t.channel, status: t.status, outcome: t.outcome }
        : {
            kind: t.kind,
            at,
            id: t.id,
            flow: t.flow,
            channel: t.channel,
            status: t.status,
            reason: t.reason,
            script: t.script,
            category: t.category,
          };
    }),
    lastSurvey:
      answered && typeof score === "number"
        ? {
            metric: typeof answered.data?.metric === "string" ? answered.data.metric : null,
            score,
            comment: typeof answered.data?.comment === "string" ? answered.data.comment : null,
            at: new Date(answered.at).toISOString(),
          }
        : null,
  };
}
