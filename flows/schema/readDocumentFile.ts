// Reading a document file the studio imports (a flow or a script): the same 1 MiB limit as the
// runtime API's bodies, and problems worded for people rather than JSON.parse's or zod's own.
import type { z } from "zod";
import { describeIssue } from "../validate/describeIssue";

/** The largest document the studio imports: the runtime API's body limit (server/http/app.ts). */
export const MAX_DOCUMENT_BYTES = 1024 * 1024;

export type ReadDocument =
  | { ok: true; value: unknown }
  | { ok: false; problem: "too-large"; bytes: number }
  | { ok: false; problem: "not-json" };

/** The file's text as a JSON value, or why not (too large, not JSON). */
export function readDocumentText(text: string): ReadDocument {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_DOCUMENT_BYTES) return { ok: false, problem: "too-large", bytes };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, problem: "not-json" };
  }
}

/** Whether a value, written as JSON, fits the limit (for documents that arrive already parsed). */
export function fitsDocumentLimit(value: unknown): boolean {
  const text = JSON.stringify(value) ?? "";
  return text.length <= MAX_DOCUMENT_BYTES && new TextEncoder().encode(text).length <= MAX_DOCUMENT_BYTES;
}

/** Schema issues as short lines, `nodes[3].data.script is missing`, at most `max` of them. */
export function documentIssueLines(issues: readonly z.core.$ZodIssue[], max = 5): string[] {
  const lines = issues.slice(0, max).map((issue) => `${issuePath(issue.path)} ${describeIssue(issue)}`.trim());
  if (issues.length > max) lines.push(`(+${issues.length - max})`);
  return lines;
}

function issuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, part) => (typeof part === "number" ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)),
    "",
  );
}
