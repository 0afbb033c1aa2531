// The studio's import of Twilio Studio and Amazon Connect flows (CONTRACT §10): the same conversion as
// `journey convert`, saved as a flow draft and script drafts in one transaction.
import "server-only";
import { convertFlow, type SourceFormat } from "../../../flows/convert";
import type { Db } from "../../db/client";
import { authorize, type Authorizable } from "../../auth/policy";
import { AppError } from "../../errors/appError";
import { importScriptDocument } from "../scripts";
import type { AuditActor } from "../audit/recordAudit";
import { importFlowDocument } from "./flowDrafts";
import { and, eq } from "drizzle-orm";
import { flows } from "../../db/schema";

export type ImportConvertedInput = {
  source: unknown;
  from?: SourceFormat;
  name?: string;
  key?: string;
  /** The folder it lands in (the caller has checked the member may create flows there); none: the top. */
  folderId?: string;
};

export type ImportConvertedResult = { key: string; scripts: string[]; notConverted: number };

/**
 * Converts a source flow and saves it: the flow as a new draft (under `key` when given), each prompt as
 * a script draft. The caller saw the same conversion's report before saving (the dialog converts in the
 * browser with the same pure function). Nothing is written when anything fails.
 */
export async function importConvertedFlow(
  db: Db,
  session: Authorizable,
  input: ImportConvertedInput,
  by: AuditActor = { type: "user", id: session.user.id, label: session.user.id },
): Promise<ImportConvertedResult> {
  const result = convertFlow(input.source, {
    ...(input.from ? { from: input.from } : {}),
    ...(input.name ? { name: input.name } : {}),
  });
  if (!result.ok) throw new AppError("UNPROCESSABLE", { detail: `The file ${result.message}.` });
  // Script drafts are content: the role must be allowed to write them too.
  if (result.scripts.length > 0) authorize(session, "scripts.edit");
  const flow = input.key ? { ...result.flow, key: input.key } : result.flow;
  return db.transaction(async (tx) => {
    const saved = await importFlowDocument(tx, session.workspaceId, flow, { replace: false, by });
    if ("diagnostics" in saved)
      throw new AppError("VALIDATION_FAILED", {
        detail: saved.diagnostics.map((d) => d.message).join("; "),
        extensions: { field: "key" },
      });
    if (input.folderId)
      await tx
        .update(flows)
        .set({ folderId: input.folderId })
        .where(and(eq(flows.workspaceId, session.workspaceId), eq(flows.key, saved.key)));
    for (const script of result.scripts)
      await importScriptDocument(tx, session.workspaceId, script, { by: session.user.id });
    return {
      key: saved.key,
      scripts: result.scripts.map((s) => s.key),
      notConverted: result.report.filter((r) => !r.converted).length,
    };
  });
}
