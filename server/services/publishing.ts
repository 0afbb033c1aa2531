// Flows' drafts and their immutable published versions. Publishing validates and
// compiles (subflows resolved from the workspace's published flows), and refuses with the diagnostics;
// the same document published twice is one version (content hash).
import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import {
  compileFlow,
  migrateFlowDocument,
  parseFlowDocument,
  type Diagnostic,
  type FlowDocument,
  type FlowResolver,
} from "../../flows";
import type { Db } from "../db/client";
import { flows, flowVersions } from "../db/schema";
import { contentHash } from "./contentHash";

export type PublishResult =
  | { ok: true; key: string; version: number; created: boolean; contentHash: string; diagnostics: Diagnostic[] }
  | { ok: false; key?: string; diagnostics: Diagnostic[] };

/** A resolver over the workspace's published flows (`version` a number, or the latest). */
export async function publishedFlowResolver(db: Db, workspaceId: string): Promise<FlowResolver> {
  const rows = await db
    .select({ key: flows.key, version: flowVersions.version, source: flowVersions.source })
    .from(flowVersions)
    .innerJoin(flows, eq(flows.id, flowVersions.flowId))
    .where(eq(flowVersions.workspaceId, workspaceId));
  const byKey = new Map<string, Map<number, unknown>>();
  for (const row of rows) {
    const versions = byKey.get(row.key) ?? new Map<number, unknown>();
    versions.set(row.version, row.source);
    byKey.set(row.key, versions);
  }
  return (key, version) => {
    const versions = byKey.get(key);
    if (!versions) return undefined;
    const wanted = typeof version === "number" ? version : Math.max(...versions.keys());
    const parsed = parseFlowDocument(versions.get(wanted));
    return parsed.ok ? parsed.document : undefined;
  };
}

async function upsertFlow(
  db: Pick<Db, "insert">,
  workspaceId: string,
  doc: FlowDocument,
  source: unknown,
): Promise<string> {
  const [row] = await db
    .insert(flows)
    .values({ workspaceId, key: doc.key, name: doc.name, kind: doc.kind, draft: source })
    .onConflictDoUpdate({
      target: [flows.workspaceId, flows.key],
      // The studio's bookkeeping (archived) stays: publishing, or the start-up import of the examples, does
      // not bring an archived flow back.
      set: {
        name: doc.name,
        kind: doc.kind,
        draft: sql`case when ${flows.draft} ? 'x-studio' then excluded.draft || jsonb_build_object('x-studio', ${flows.draft} -> 'x-studio') else excluded.draft end`,
        updatedAt: new Date(),
      },
    })
    .returning({ id: flows.id });
  if (!row) throw new Error("upsert into flows returned no row");
  return row.id;
}

export async function publishFlow(
  db: Db,
  workspaceId: string,
  document: unknown,
  options: { publishedBy?: string; changeNote?: string } = {},
): Promise<PublishResult> {
  const resolveFlow = await publishedFlowResolver(db, workspaceId);
  const compiled = compileFlow(document, { resolveFlow });
  if (!compiled.ok) {
    const key = parseFlowDocument(document);
    return { ok: false, ...(key.ok ? { key: key.document.key } : {}), diagnostics: compiled.diagnostics };
  }
  const hash = contentHash(document);
  const doc = compiled.document;
  return db.transaction(async (tx) => {
    const flowId = await upsertFlow(tx, workspaceId, doc, document);
    // The flow row is locked by the upsert until commit: publishers of one flow take turns.
    const [latest] = await tx
      .select({ version: flowVersions.version, contentHash: flowVersions.contentHash })
      .from(flowVersions)
      .where(and(eq(flowVersions.flowId, flowId)))
      .orderBy(desc(flowVersions.version))
      .limit(1);
    if (latest?.contentHash === hash)
      return {
        ok: true,
        key: doc.key,
        version: latest.version,
        created: false,
        contentHash: hash,
        diagnostics: compiled.diagnostics,
      };
    const version = (latest?.version ?? 0) + 1;
    await tx.insert(flowVersions).values({
      workspaceId,
      flowId,
      version,
      source: document,
      compiled: compiled.machine,
      contentHash: hash,
      publishedBy: options.publishedBy ?? null,
      changeNote: options.changeNote || null,
    });
    return { ok: true, key: doc.key, version, created: true, contentHash: hash, diagnostics: compiled.diagnostics };
  });
}

export type PublishedFlow = {
  key: string;
  name: string;
  kind: string;
  version: number;
  channels: string[];
  trigger: unknown;
  publishedAt: string;
};

/** The latest published version of every flow of the workspace (`archived`: it starts nothing). */
export async function listPublishedFlows(
  db: Db,
  workspaceId: string,
): Promise<Array<PublishedFlow & { versionId: string; source: unknown; archived: boolean }>> {
  const rows = await db
    .selectDistinctOn([flowVersions.flowId], {
      versionId: flowVersions.id,
      key: flows.key,
      name: flows.name,
      kind: flows.kind,
      version: flowVersions.version,
      source: flowVersions.source,
      publishedAt: flowVersions.publishedAt,
      archived: sql<boolean>`(${flows.draft} -> 'x-studio' ->> 'archivedAt') is not null`,
    })
    .from(flowVersions)
    .innerJoin(flows, eq(flows.id, flowVersions.flowId))
    .where(eq(flowVersions.workspaceId, workspaceId))
    .orderBy(flowVersions.flowId, desc(flowVersions.version));
  return rows
    .map((row) => {
      const doc = parseFlowDocument(row.source);
      const start = doc.ok ? doc.document.nodes.find((n) => n.type === "start") : undefined;
      return {
        versionId: row.versionId,
        key: row.key,
        name: row.name,
        kind: row.kind,
        version: row.version,
        channels: doc.ok ? doc.document.channels : [],
        trigger: start?.data.trigger ?? { type: "api" },
        publishedAt: row.publishedAt.toISOString(),
        source: row.source,
        archived: row.archived,
      };
    })
    .sort((a, b) => a.key.localeCompare(b.key));
}

/** `journey export`: the draft document, or a published version's source, migrated to the current version. */
export async function exportFlow(db: Db, workspaceId: string, key: string, version?: number): Promise<unknown> {
  const [flow] = await db
    .select({ id: flows.id, draft: flows.draft })
    .from(flows)
    .where(and(eq(flows.workspaceId, workspaceId), eq(flows.key, key)));
  if (!flow) return undefined;
  if (version === undefined) return migrated(flow.draft);
  const [row] = await db
    .select({ source: flowVersions.source })
    .from(flowVersions)
    .where(and(eq(flowVersions.flowId, flow.id), eq(flowVersions.version, version)));
  return row ? migrated(row.source) : undefined;
}

/** A stored document as the current version writes it (unparsed: no defaults added, nothing dropped). */
function migrated(stored: unknown): unknown {
  const result = migrateFlowDocument(stored);
  return result.ok ? result.document : stored;
}
