// The workspace's compliance rules for scripts (the `compliance` of its policy document, CONTRACT §7):
// what the editor lints with as content editors type, and what submission for review enforces.
import "server-only";
import { eq } from "drizzle-orm";
import { parsePolicyDocument, type ComplianceRules } from "../../../flows/policy";
import {
  complianceLintOptions,
  lintScript,
  type ScriptDiagnostic,
  type ScriptDocument,
  type SnippetLibrary,
} from "../../../flows/scripts";
import type { Db } from "../../db/client";
import { workspacePolicies } from "../../db/schema";
import { AppError } from "../../errors/appError";

/** The rules of the workspace's policy document, or null when it sets none (the built-in ones apply). */
export async function getComplianceRules(db: Pick<Db, "select">, workspaceId: string): Promise<ComplianceRules | null> {
  const [row] = await db
    .select({ document: workspacePolicies.document })
    .from(workspacePolicies)
    .where(eq(workspacePolicies.workspaceId, workspaceId));
  if (!row) return null;
  const parsed = parsePolicyDocument(row.document);
  return parsed.ok ? (parsed.document.compliance ?? null) : null;
}

/**
 * Throws SCRIPT_HAS_ERRORS, listing the diagnostics, while the document has a lint error under the rules,
 * with its snippets put in (a missing or unapproved snippet, or a cycle, is one).
 */
export function assertNoLintErrors(
  doc: ScriptDocument,
  rules: ComplianceRules | null,
  snippets: SnippetLibrary = new Map(),
): void {
  const errors: ScriptDiagnostic[] = lintScript(doc, { ...complianceLintOptions(rules ?? undefined), snippets }).filter(
    (d) => d.severity === "error",
  );
  if (errors.length === 0) return;
  throw new AppError("SCRIPT_HAS_ERRORS", {
    detail: `Fix ${errors.length} problem(s) before submitting: ${errors.map((e) => e.message).join("; ")}`,
    extensions: { diagnostics: errors },
  });
}
