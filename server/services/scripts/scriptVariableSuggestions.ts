// The variables the editor suggests for a script: `customer.*`, and the variables of
// every flow whose nodes use the script.
import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { flows } from "../../db/schema";
import { parseDraft } from "../flows/studioDraft";

export type VariableSuggestion = { name: string; source: string };

/** The customer profile as the runtime puts it in the context (server/services/customers.ts). */
export const customerVariables = [
  "customer.name",
  "customer.id",
  "customer.tier",
  "customer.birthday",
  "customer.timezone",
  "customer.preferredChannel",
  "customer.tags",
] as const;

export async function scriptVariableSuggestions(
  db: Db,
  workspaceId: string,
  key: string,
): Promise<VariableSuggestion[]> {
  const rows = await db.select({ draft: flows.draft }).from(flows).where(eq(flows.workspaceId, workspaceId));
  const out: VariableSuggestion[] = customerVariables.map((name) => ({ name, source: "customer" }));
  const seen = new Set<string>(customerVariables);
  for (const row of rows) {
    const flow = parseDraft(row.draft).document;
    if (!flow || !flow.nodes.some((n) => n.data.script === key)) continue;
    for (const name of Object.keys(flow.variables)) {
      if (seen.has(name)) continue;
      seen.add(name);
      out.push({ name, source: flow.key });
    }
  }
  return out;
}
