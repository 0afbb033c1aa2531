// How many customers an audience expression holds now (the designer's start-node inspector): the
// workspace's customers streamed in batches and the expression evaluated as the trigger evaluates it.
// With a named segment, a customer counts when both the segment's expression and the audience hold.
import "server-only";
import { checkExpression, expressionIsTrue, type JsonValue } from "../../../flows";
import type { SqlQuery } from "../../db/sqlClient";
import { CUSTOMER_CONTEXT_COLUMNS, customerContext, type CustomerContextRow } from "../../runtime/customerContext";
import { getWorkspacePolicy } from "./workspacePolicyDocument";

const BATCH = 2000;
const PAGE = `select ${CUSTOMER_CONTEXT_COLUMNS} from customers c where c.workspace_id = $1 and c.id > $2::uuid order by c.id limit $3`;

export type AudienceCount = { count: number; total: number; problems: string[] };

export async function countAudience(
  query: SqlQuery,
  workspaceId: string,
  audience: string,
  segment?: string,
): Promise<AudienceCount> {
  const text = audience.trim();
  const problems = text === "" ? [] : checkExpression(text, new Set()).map((p) => p.message);
  if (problems.length > 0) return { count: 0, total: 0, problems };
  const segmentAudience =
    segment === undefined
      ? undefined
      : (await getWorkspacePolicy(query, workspaceId)).segments?.find((s) => s.name === segment)?.audience;
  if (segment !== undefined && segmentAudience === undefined)
    return { count: 0, total: 0, problems: [`"${segment}" is not one of the workspace's segments`] };
  const holds = (customer: { [key: string]: JsonValue }) =>
    (segmentAudience === undefined || expressionIsTrue(segmentAudience, { vars: {}, customer })) &&
    (text === "" || expressionIsTrue(text, { vars: {}, customer }));
  let count = 0;
  let total = 0;
  for (let after = "00000000-0000-0000-0000-000000000000"; ;) {
    const rows = await query<CustomerContextRow & { id: string }>(PAGE, [workspaceId, after, BATCH]);
    for (const row of rows) {
      total++;
      const customer: { [key: string]: JsonValue } = customerContext(row);
      if (holds(customer)) count++;
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < BATCH) break;
    after = last.id;
  }
  return { count, total, problems };
}
