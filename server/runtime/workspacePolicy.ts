// Reads workspace policy documents (CONTRACT §7) for the runtime; a workspace without one has no caps.
import "server-only";
import { EMPTY_POLICY, parsePolicyDocument, type PolicyDocument } from "../../flows/policy";
import type { SqlQuery } from "../db/sqlClient";

/** The policies of several workspaces in one query; a stored document that no longer parses counts as none. */
export async function loadPolicies(
  query: SqlQuery,
  workspaceIds: readonly string[],
): Promise<Map<string, PolicyDocument>> {
  const policies = new Map<string, PolicyDocument>();
  if (workspaceIds.length === 0) return policies;
  const rows = await query<{ workspace_id: string; document: unknown }>(
    "select workspace_id, document from workspace_policies where workspace_id = any(array(select jsonb_array_elements_text($1::jsonb))::uuid[])",
    [[...new Set(workspaceIds)]],
  );
  for (const row of rows) {
    const parsed = parsePolicyDocument(row.document);
    if (parsed.ok) policies.set(row.workspace_id, parsed.document);
    else console.error(`[runtime] the policy of workspace ${row.workspace_id} does not parse: ${parsed.message}`);
  }
  for (const id of workspaceIds) if (!policies.has(id)) policies.set(id, EMPTY_POLICY);
  return policies;
}
