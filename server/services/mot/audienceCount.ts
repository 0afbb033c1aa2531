// How many customers an audience expression holds now (the designer's start-node inspector): the
// workspace's customers streamed in batches and the expression evaluated as the trigger evaluates it.
import "server-only";
import { checkExpression, expressionIsTrue, type JsonValue } from "../../../flows";
import type { SqlQuery } from "../../db/sqlClient";
import { CUSTOMER_CONTEXT_COLUMNS, customerContext, type CustomerContextRow } from "../../runtime/customerContext";

const BATCH = 2000;
const PAGE = `select ${CUSTOMER_CONTEXT_COLUMNS} from customers c where c.workspace_id = $1 and c.id > $2::uuid order by c.id limit $3`;

export type AudienceCount = { count: number; total: number; problems: string[] };

export async function countAudience(query: SqlQuery, workspaceId: string, audience: string): Promise<AudienceCount> {
  const text = audience.trim();
  const problems = text === "" ? [] : checkExpression(text, new Set()).map((p) => p.message);
  if (problems.length > 0) return { count: 0, total: 0, problems };
  let count = 0;
  let total = 0;
  for (let after = "00000000-0000-0000-0000-000000000000"; ;) {
    const rows = await query<CustomerContextRow & { id: string }>(PAGE, [workspaceId, after, BATCH]);
    for (const row of rows) {
      total++;
      const customer: { [key: string]: JsonValue } = customerContext(row);
      if (text === "" || expressionIsTrue(text, { vars: {}, customer })) count++;
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < BATCH) break;
    after = last.id;
  }
  return { count, total, problems };
}
