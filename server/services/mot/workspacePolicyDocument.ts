// The workspace policy document (CONTRACT §7): read, saved and imported from the studio's settings
// and `journey import`.
import "server-only";
import { EMPTY_POLICY, parsePolicyDocument, type PolicyDocument } from "../../../flows/policy";
import type { SqlQuery } from "../../db/sqlClient";
import { AppError } from "../../errors/appError";

export async function getWorkspacePolicy(query: SqlQuery, workspaceId: string): Promise<PolicyDocument> {
  const [row] = await query<{ document: unknown }>("select document from workspace_policies where workspace_id = $1", [
    workspaceId,
  ]);
  if (!row) return EMPTY_POLICY;
  const parsed = parsePolicyDocument(row.document);
  return parsed.ok ? parsed.document : EMPTY_POLICY;
}

/** Parses and stores a policy document; VALIDATION_FAILED (with each problem) when it does not parse. */
export async function saveWorkspacePolicy(query: SqlQuery, workspaceId: string, raw: unknown): Promise<PolicyDocument> {
  const parsed = parsePolicyDocument(raw);
  if (!parsed.ok)
    throw new AppError("VALIDATION_FAILED", {
      detail: `The policy ${parsed.message}: ${parsed.issues.map((i) => `${i.path.join(".") || "document"} ${i.message}`).join("; ")}`,
    });
  await query(
    `insert into workspace_policies (workspace_id, document) values ($1, $2)
     on conflict (workspace_id) do update set document = excluded.document, updated_at = now()`,
    [workspaceId, parsed.document],
  );
  return parsed.document;
}
