// The flow library: every flow of a workspace with its latest version and
// whether the draft differs from it; searched and filtered for libraries of hundreds of flows.
import "server-only";
import { and, desc, eq, ilike, or } from "drizzle-orm";
import type { Db } from "../../db/client";
import { flows, flowVersions } from "../../db/schema";
import { documentHash, parseDraft, studioMeta } from "./studioDraft";

export type FlowStatus = "draft" | "published" | "changed" | "archived";

export type FlowSummary = {
  key: string;
  name: string;
  kind: "sop" | "mot";
  description?: string;
  nodeCount: number;
  updatedAt: string;
  latestVersion: number | null;
  publishedAt: string | null;
  /** The draft differs from the latest published version (or was never published). */
  unpublishedChanges: boolean;
  archived: boolean;
  status: FlowStatus;
};

export type FlowFilter = { search?: string; kind?: "sop" | "mot"; status?: FlowStatus | "active" };

export async function listFlows(db: Db, workspaceId: string, filter: FlowFilter = {}): Promise<FlowSummary[]> {
  const search = filter.search?.trim();
  const pattern = search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const rows = await db
    .select({
      id: flows.id,
      key: flows.key,
      name: flows.name,
      kind: flows.kind,
      draft: flows.draft,
      updatedAt: flows.updatedAt,
    })
    .from(flows)
    .where(
      and(
        eq(flows.workspaceId, workspaceId),
        filter.kind ? eq(flows.kind, filter.kind) : undefined,
        pattern ? or(ilike(flows.key, pattern), ilike(flows.name, pattern)) : undefined,
      ),
    )
    .orderBy(desc(flows.updatedAt));
  const latest = await latestVersions(db, workspaceId);
  const summaries = rows.map((row): FlowSummary => {
    const version = latest.get(row.id);
    const archived = studioMeta(row.draft).archivedAt !== undefined;
    const draftHash = documentHash(row.draft);
    const unpublishedChanges = !version || draftHash === undefined || draftHash !== documentHash(version.source);
    const draft = parseDraft(row.draft).document;
    return {
      key: row.key,
      name: row.name,
      kind: row.kind,
      ...(draft?.description !== undefined ? { description: draft.description } : {}),
      nodeCount: draft?.nodes.length ?? 0,
      updatedAt: row.updatedAt.toISOString(),
      latestVersion: version?.version ?? null,
      publishedAt: version?.publishedAt.toISOString() ?? null,
      unpublishedChanges,
      archived,
      status: archived ? "archived" : !version ? "draft" : unpublishedChanges ? "changed" : "published",
    };
  });
  const status = filter.status;
  if (!status) return summaries.filter((s) => !s.archived);
  if (status === "active") return summaries.filter((s) => !s.archived);
  return summaries.filter((s) => s.status === status);
}

async function latestVersions(db: Db, workspaceId: string) {
  const rows = await db
    .selectDistinctOn([flowVersions.flowId], {
      flowId: flowVersions.flowId,
      version: flowVersions.version,
      source: flowVersions.source,
      publishedAt: flowVersions.publishedAt,
    })
    .from(flowVersions)
    .where(eq(flowVersions.workspaceId, workspaceId))
    .orderBy(flowVersions.flowId, desc(flowVersions.version));
  return new Map(rows.map((row) => [row.flowId, row]));
}
