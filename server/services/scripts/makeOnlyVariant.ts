// "Make this the only variant" (from the variants table): a NEW DRAFT version of the script, made from
// its newest approved version, in which the chosen variant is the only one for its channel and locale.
// It goes live only through the usual review (submit, approve); nothing live changes here.
import "server-only";
import { desc, eq } from "drizzle-orm";
import { keepOnlyVariant } from "../../../flows/scripts";
import type { Db } from "../../db/client";
import { scriptVersions } from "../../db/schema";
import { AppError } from "../../errors/appError";
import { memberActor, recordAudit } from "../audit/recordAudit";
import type { MemberSession } from "../memberSession";
import { requireRole } from "./scriptAccess";
import { findScriptId } from "./scriptQueries";
import { parseOrThrow, writeDraft } from "./scriptVersionsService";

export type OnlyVariantDraft = { key: string; version: number; basedOn: number; removed: number };

const why = {
  NOT_FOUND: "has no variant at that place",
  MOVED: "has another variant at that place now",
  ALREADY_ONLY: "has no other variant for that channel and locale",
} as const;

export async function makeOnlyVariant(
  db: Db,
  session: MemberSession,
  input: { key: string; variant: string },
): Promise<OnlyVariantDraft> {
  requireRole(session, "edit");
  return db.transaction(async (tx) => {
    const script = await findScriptId(tx, session.workspaceId, input.key);
    const versions = await tx
      .select({ version: scriptVersions.version, status: scriptVersions.status, document: scriptVersions.document })
      .from(scriptVersions)
      .where(eq(scriptVersions.scriptId, script.id))
      .orderBy(desc(scriptVersions.version))
      .for("update");
    const live = versions.find((v) => v.status === "approved");
    if (!live) throw new AppError("CONFLICT", { detail: `Script "${input.key}" has no approved version.` });
    const newest = versions[0];
    if (newest && newest.version !== live.version)
      throw new AppError("CONFLICT", {
        detail: `Version ${newest.version} of "${input.key}" is ${newest.status.replace("_", " ")}: finish or discard it first, so that nothing in it is lost.`,
        extensions: { version: newest.version, status: newest.status },
      });
    const result = keepOnlyVariant(parseOrThrow(live.document), input.variant);
    if (!result.ok)
      throw new AppError("CONFLICT", {
        detail: `Version ${live.version} of "${input.key}" ${why[result.reason]} (${input.variant}).`,
        extensions: { reason: result.reason },
      });
    const saved = await writeDraft(tx, session.workspaceId, script.id, input.key, result.document, session.user);
    await recordAudit(tx, {
      workspaceId: session.workspaceId,
      actor: memberActor(session),
      action: "script.onlyVariant",
      subject: { type: "script", id: script.id, label: `${input.key} v${saved.version}` },
      before: { version: live.version, variants: result.document.variants.length + result.removed.length },
      after: { version: saved.version, variant: input.variant, removed: result.removed },
    });
    return { key: input.key, version: saved.version, basedOn: live.version, removed: result.removed.length };
  });
}
