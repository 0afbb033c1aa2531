import { documentFormat, type ParseDocumentResult } from "./documentFormat";
import { POLICY_SCHEMA, policyDocumentSchema, type PolicyDocument } from "./policyDocument";

/** The workspace policy document kind: policy@1 today, no older versions to migrate from. */
export const policyDocumentFormat = documentFormat<PolicyDocument>({
  noun: "policy",
  current: POLICY_SCHEMA,
  schema: policyDocumentSchema,
});

/** Reads a policy document from anywhere (the database, a file, the settings editor). */
export function parsePolicyDocument(raw: unknown): ParseDocumentResult<PolicyDocument> {
  return policyDocumentFormat.parse(raw);
}

/** The segment names of a stored or sent policy document (none when it does not parse). */
export function segmentNames(raw: unknown): string[] {
  const parsed = parsePolicyDocument(raw);
  return parsed.ok ? (parsed.document.segments ?? []).map((segment) => segment.name) : [];
}
