// Publishing a draft and the flow's immutable versions (list, read, restore).
// Publishing itself is the runtime's `publishFlow` (validate, compile, content hash, new version).
import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { compileFlow, parseFlowDocument, type Diagnostic, type FlowDocument } from "../../../flows";
import type { Db } from "../../db/client";
import { flowVersions, workspacePolicies } from "../../db/schema";
import { POLICY_SCHEMA, segmentNames } from "../../../flows/policy";
import { AppError } from "../../errors/appError";
import { publishedFlowResolver, publishFlow } from "../publishing";
import { findFlow, getFlowDraft, saveFlowDraft, type DraftEditor } from "./flowDrafts";
import { validateFlow } from "../../../flows";
import { assertFourEyes } from "../../auth/policy";
import { getWorkspaceSecurity } from "../../auth/workspaceSecurity";
import { memberActor, recordAudit } from "../audit/recordAudit";
import { approvedScriptResolver } from "../scripts/scriptQueries";
import type { MemberSession } from "../memberSession";

export type VersionSummary = {
  version: number;
  publishedAt: string;
  publishedBy: string | null;
  contentHash: string;
  nodeCount: number;
  changeNote: string | null;
};

export type PublishOutcome = { version: number; created: boolean; diagnostics: Diagnostic[]; revision: string };

/**
 * Publishes the stored draft, as the review gate requires: refused (FLOW_INVALID, with the diagnostics)
 * while errors remain, including a script that has no approved version; refused (FOUR_EYES_REQUIRED)
 * when the workspace requires four eyes and the publisher saved the draft last. Recorded in the audit log.
 */
export async function publishDraft(
  db: Db,
  session: MemberSession,
  key: string,
  options: { note?: string } = {},
): Promise<PublishOutcome> {
  const { workspaceId } = session;
  const draft = await getFlowDraft(db, workspaceId, key);
  const row = await findFlow(db, workspaceId, key);
  const { requireFourEyes } = await getWorkspaceSecurity(db, workspaceId);
  assertFourEyes({ requireFourEyes, actorId: session.user.id, authorIds: [row.draftUpdatedById] });
  const resolveScript = await approvedScriptResolver(db, workspaceId);
  const [policy] = await db
    .select({ document: workspacePolicies.document })
    .from(workspacePolicies)
    .where(eq(workspacePolicies.workspaceId, workspaceId));
  const segments = segmentNames(policy?.document ?? { schema: POLICY_SCHEMA });
  const findings = validateFlow(draft.document, { resolveScript, segments }).diagnostics.filter(
    (d) => d.severity === "error",
  );
  const scriptFindings = findings.filter((d) => d.code.startsWith("SCRIPT"));
  if (scriptFindings.length > 0) {
    throw new AppError("FLOW_INVALID", {
      detail: `"${key}" uses scripts without an approved version for its channels; have them approved first.`,
      extensions: { diagnostics: scriptFindings },
    });
  }
  const segmentFindings = findings.filter((d) => d.code === "UNKNOWN_SEGMENT");
  if (segmentFindings.length > 0) {
    throw new AppError("FLOW_INVALID", {
      detail: `"${key}" starts for a segment the workspace does not define; define it in Settings first.`,
      extensions: { diagnostics: segmentFindings },
    });
  }
  const result = await publishFlow(db, workspaceId, draft.document, {
    publishedBy: session.user.name,
    changeNote: options.note?.trim(),
  });
  if (!result.ok) {
    throw new AppError("FLOW_INVALID", {
      detail: `"${key}" has ${result.diagnostics.filter((d) => d.severity === "error").length} error(s); fix them before publishing.`,
      extensions: { diagnostics: result.diagnostics },
    });
  }
  if (result.created) {
    await recordAudit(db, {
      workspaceId,
      actor: memberActor(session),
      action: "flow.published",
      subject: { type: "flow", id: row.id, label: `${key} v${result.version}` },
      after: {
        version: result.version,
        contentHash: result.contentHash,
        ...(options.note?.trim() ? { note: options.note.trim() } : {}),
      },
    });
  }
  // Publishing rewrites the flow row: hand the canvas the new revision so its next save is not a conflict.
  const updated = await findFlow(db, workspaceId, key);
  return {
    version: result.version,
    created: result.created,
    diagnostics: result.diagnostics,
    revision: updated.updatedAt.toISOString(),
  };
}

export async function listVersions(db: Db, workspaceId: string, key: string): Promise<VersionSummary[]> {
  const flow = await findFlow(db, workspaceId, key);
  const rows = await db
    .select({
      version: flowVersions.version,
      publishedAt: flowVersions.publishedAt,
      publishedBy: flowVersions.publishedBy,
      contentHash: flowVersions.contentHash,
      source: flowVersions.source,
      changeNote: flowVersions.changeNote,
    })
    .from(flowVersions)
    .where(eq(flowVersions.flowId, flow.id))
    .orderBy(desc(flowVersions.version));
  return rows.map((row) => ({
    version: row.version,
    publishedAt: row.publishedAt.toISOString(),
    publishedBy: row.publishedBy,
    contentHash: row.contentHash,
    nodeCount: nodeCount(row.source),
    changeNote: row.changeNote,
  }));
}

export async function getVersion(
  db: Db,
  workspaceId: string,
  key: string,
  version: number,
): Promise<{ version: number; document: FlowDocument; changeNote: string | null }> {
  const flow = await findFlow(db, workspaceId, key);
  const [row] = await db
    .select({ source: flowVersions.source, changeNote: flowVersions.changeNote })
    .from(flowVersions)
    .where(and(eq(flowVersions.flowId, flow.id), eq(flowVersions.version, version)));
  if (!row) throw new AppError("NOT_FOUND", { detail: `"${key}" has no version ${version}.` });
  const parsed = parseFlowDocument(row.source);
  if (!parsed.ok)
    throw new AppError("FLOW_INVALID", { detail: `Version ${version} of "${key}" is not a readable flow document.` });
  return { version, document: parsed.document, changeNote: row.changeNote };
}

function nodeCount(source: unknown): number {
  const parsed = parseFlowDocument(source);
  return parsed.ok ? parsed.document.nodes.length : 0;
}

/** Copies a published version into the draft (the draft's key stays). */
export async function restoreVersion(
  db: Db,
  workspaceId: string,
  key: string,
  version: number,
  by: DraftEditor,
): Promise<{ revision: string }> {
  const { document } = await getVersion(db, workspaceId, key, version);
  const saved = await saveFlowDraft(db, workspaceId, key, document, undefined, by, "flow.restored");
  if (!saved.ok) throw new AppError("FLOW_INVALID", { extensions: { diagnostics: saved.diagnostics } });
  return { revision: saved.revision };
}

/** Every published flow's latest document, for subflow outlets and checks on the canvas. */
export async function publishedDocuments(db: Db, workspaceId: string): Promise<FlowDocument[]> {
  const rows = await db
    .selectDistinctOn([flowVersions.flowId], { flowId: flowVersions.flowId, source: flowVersions.source })
    .from(flowVersions)
    .where(eq(flowVersions.workspaceId, workspaceId))
    .orderBy(flowVersions.flowId, desc(flowVersions.version));
  return rows.flatMap((row) => {
    const parsed = parseFlowDocument(row.source);
    return parsed.ok ? [parsed.document] : [];
  });
}

/** The compiled XState machine config of the draft (export), or its diagnostics. */
export async function compileDraft(db: Db, workspaceId: string, key: string) {
  const draft = await getFlowDraft(db, workspaceId, key);
  const result = compileFlow(draft.document, { resolveFlow: await publishedFlowResolver(db, workspaceId) });
  return result.ok
    ? { ok: true as const, machine: result.machine, diagnostics: result.diagnostics }
    : { ok: false as const, diagnostics: result.diagnostics };
}
