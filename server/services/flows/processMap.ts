// The process map: every flow with its folder, the subflows it calls, where it is published, and the
// subflows republished since its latest version inlined them (compileFlow inlines a subflow at
// publishing, so a caller keeps the old one until it is published again). "Republish callers" makes a
// new version of each such caller from its latest published source, compiled with the current subflows.
import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { compileFlow, parseFlowDocument, type FlowDocument } from "../../../flows";
import type { Db } from "../../db/client";
import { flows, flowVersions } from "../../db/schema";
import { AppError } from "../../errors/appError";
import { authorize, canInFolder } from "../../auth/policy";
import { contentHash } from "../contentHash";
import { memberActor, recordAudit } from "../audit/recordAudit";
import { publishedFlowResolver } from "../publishing";
import type { MemberSession } from "../memberSession";
import { folderPath, listFolders, type FolderView } from "./flowFolders";
import { parseDraft, studioMeta } from "./studioDraft";

export type ProcessMapFlow = {
  key: string;
  name: string;
  kind: "sop" | "mot";
  folderId: string | null;
  archived: boolean;
  latestVersion: number | null;
  publishedAt: string | null;
  calls: string[];
  staleInlined: string[];
};

export type ProcessMap = { folders: FolderView[]; flows: ProcessMapFlow[] };

/** The subflows a document calls: `latest` ones follow their callee's republishing, pinned ones do not. */
function subflowCalls(document: FlowDocument | undefined): { flow: string; latest: boolean }[] {
  if (!document) return [];
  return document.nodes.flatMap((node) => {
    if (node.type !== "subflow") return [];
    const flow: unknown = Reflect.get(Object(node.data), "flow");
    const version: unknown = Reflect.get(Object(node.data), "version");
    return typeof flow === "string" ? [{ flow, latest: typeof version !== "number" }] : [];
  });
}

export async function processMap(db: Db, workspaceId: string): Promise<ProcessMap> {
  const rows = await db
    .select({
      id: flows.id,
      key: flows.key,
      name: flows.name,
      kind: flows.kind,
      draft: flows.draft,
      folderId: flows.folderId,
    })
    .from(flows)
    .where(eq(flows.workspaceId, workspaceId))
    .orderBy(flows.key);
  const latest = new Map(
    (
      await db
        .selectDistinctOn([flowVersions.flowId], {
          flowId: flowVersions.flowId,
          version: flowVersions.version,
          source: flowVersions.source,
          publishedAt: flowVersions.publishedAt,
        })
        .from(flowVersions)
        .where(eq(flowVersions.workspaceId, workspaceId))
        .orderBy(flowVersions.flowId, desc(flowVersions.version))
    ).map((v) => [v.flowId, v]),
  );
  const publishedByKey = new Map(
    rows.flatMap((row) => {
      const version = latest.get(row.id);
      const parsed = version ? parseFlowDocument(version.source) : undefined;
      return version
        ? [[row.key, { at: version.publishedAt, document: parsed?.ok ? parsed.document : undefined }]]
        : [];
    }),
  );
  /** Keys inlined (following `latest` calls, at any depth) by the published document of `key`. */
  const inlinedLatest = (key: string): Set<string> => {
    const seen = new Set<string>();
    const walk = (k: string) => {
      for (const call of subflowCalls(publishedByKey.get(k)?.document)) {
        if (!call.latest || seen.has(call.flow)) continue;
        seen.add(call.flow);
        walk(call.flow);
      }
    };
    walk(key);
    return seen;
  };
  return {
    folders: await listFolders(db, workspaceId),
    flows: rows.map((row) => {
      const version = latest.get(row.id);
      const own = publishedByKey.get(row.key);
      const staleInlined = own
        ? [...inlinedLatest(row.key)].filter((k) => (publishedByKey.get(k)?.at ?? new Date(0)) > own.at).sort()
        : [];
      return {
        key: row.key,
        name: row.name,
        kind: row.kind,
        folderId: row.folderId,
        archived: studioMeta(row.draft).archivedAt !== undefined,
        latestVersion: version?.version ?? null,
        publishedAt: version?.publishedAt.toISOString() ?? null,
        calls: [...new Set(subflowCalls(parseDraft(row.draft).document).map((c) => c.flow))].sort(),
        staleInlined,
      };
    }),
  };
}

/**
 * "Republish callers": every flow whose latest version inlined an older `key`, republished (callers of
 * callers after the callers they inline), each from its latest published source, so nobody's
 * unpublished draft goes out with it. Refused (FORBIDDEN) when any caller lies outside the member's
 * folders. No new content is authored, so the four-eyes rule has nothing to hold back.
 */
export async function republishCallers(
  db: Db,
  session: MemberSession,
  key: string,
): Promise<{ key: string; version: number }[]> {
  authorize(session, "flows.publish");
  const map = await processMap(db, session.workspaceId);
  if (!map.flows.some((f) => f.key === key)) throw new AppError("FLOW_NOT_FOUND", { detail: `No flow "${key}".` });
  const pending = map.flows.filter((f) => f.staleInlined.includes(key) && !f.archived);
  for (const caller of pending) {
    const path = await folderPath(db, session.workspaceId, caller.folderId);
    if (!canInFolder(session.user, "flows.publish", path))
      throw new AppError("FORBIDDEN", { detail: `"${caller.key}" is outside your folders; ask its reviewer.` });
  }
  const done: { key: string; version: number }[] = [];
  const left = new Set(pending.map((f) => f.key));
  while (left.size > 0) {
    const ready = pending.filter((f) => left.has(f.key) && !f.staleInlined.some((k) => left.has(k) && k !== f.key));
    const next = ready[0] ?? pending.find((f) => left.has(f.key));
    if (!next) break;
    left.delete(next.key);
    done.push(await republish(db, session, next.key));
  }
  return done;
}

async function republish(db: Db, session: MemberSession, key: string): Promise<{ key: string; version: number }> {
  const resolveFlow = await publishedFlowResolver(db, session.workspaceId);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: flows.id, version: flowVersions.version, source: flowVersions.source })
      .from(flowVersions)
      .innerJoin(flows, eq(flows.id, flowVersions.flowId))
      .where(and(eq(flows.workspaceId, session.workspaceId), eq(flows.key, key)))
      .orderBy(desc(flowVersions.version))
      .limit(1)
      .for("update", { of: flows });
    if (!row) throw new AppError("FLOW_NOT_FOUND");
    const compiled = compileFlow(row.source, { resolveFlow });
    if (!compiled.ok)
      throw new AppError("FLOW_INVALID", {
        detail: `"${key}" no longer compiles with the current subflows; open it and publish it yourself.`,
        extensions: { diagnostics: compiled.diagnostics },
      });
    const version = row.version + 1;
    await tx.insert(flowVersions).values({
      workspaceId: session.workspaceId,
      flowId: row.id,
      version,
      source: row.source,
      compiled: compiled.machine,
      contentHash: contentHash(row.source),
      publishedBy: session.user.name,
    });
    await recordAudit(tx, {
      workspaceId: session.workspaceId,
      actor: memberActor(session),
      action: "flow.republished",
      subject: { type: "flow", id: row.id, label: `${key} v${version}` },
      after: { version, from: row.version, inlined: compiled.inlinedFlows },
    });
    return { key, version };
  });
}
