// Reading scripts: the searchable list, one script with its versions, export, and
// the approved documents that published flows use.
import "server-only";
import { and, asc, desc, eq, ilike, or } from "drizzle-orm";
import { parseScriptDocument, type ScriptChannel, type ScriptDocument } from "../../../flows/scripts";
import type { Db } from "../../db/client";
import { scripts, scriptVersions } from "../../db/schema";
import type { ScriptVersionStatus } from "../../db/schema/scripts";
import { AppError } from "../../errors/appError";
import { channelsOf, localesOf, toVersionView, type ScriptDetail, type ScriptSummary } from "./scriptViews";

export type ScriptListFilter = { search?: string; channel?: ScriptChannel; status?: ScriptVersionStatus };

const versionColumns = {
  version: scriptVersions.version,
  status: scriptVersions.status,
  document: scriptVersions.document,
  createdBy: scriptVersions.createdBy,
  createdAt: scriptVersions.createdAt,
  updatedAt: scriptVersions.updatedAt,
  submittedBy: scriptVersions.submittedBy,
  submittedAt: scriptVersions.submittedAt,
  approvedBy: scriptVersions.approvedBy,
  approvedAt: scriptVersions.approvedAt,
  returnedBy: scriptVersions.returnedBy,
  returnedAt: scriptVersions.returnedAt,
  returnComment: scriptVersions.returnComment,
};

/** The workspace's scripts, searchable by key or name, filtered by a channel and the latest status. */
export async function listScripts(
  db: Db,
  workspaceId: string,
  filter: ScriptListFilter = {},
): Promise<ScriptSummary[]> {
  const search = filter.search?.trim();
  const pattern = search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const rows = await db
    .select({ scriptId: scripts.id, key: scripts.key, name: scripts.name, ...versionColumns })
    .from(scripts)
    .innerJoin(scriptVersions, eq(scriptVersions.scriptId, scripts.id))
    .where(
      and(
        eq(scripts.workspaceId, workspaceId),
        pattern ? or(ilike(scripts.key, pattern), ilike(scripts.name, pattern)) : undefined,
      ),
    )
    .orderBy(asc(scripts.key), desc(scriptVersions.version));
  const summaries: ScriptSummary[] = [];
  let current: ScriptSummary | undefined;
  for (const row of rows) {
    if (current?.key !== row.key) {
      const view = toVersionView(row);
      current = {
        key: row.key,
        name: row.name,
        channels: channelsOf(view.document),
        locales: localesOf(view.document),
        latestVersion: row.version,
        status: row.status,
        approvedVersion: null,
        updatedAt: row.updatedAt.toISOString(),
      };
      summaries.push(current);
    }
    if (row.status === "approved" && current.approvedVersion === null) current.approvedVersion = row.version;
  }
  return summaries.filter(
    (s) => (!filter.channel || s.channels.includes(filter.channel)) && (!filter.status || s.status === filter.status),
  );
}

export async function findScriptId(
  db: Pick<Db, "select">,
  workspaceId: string,
  key: string,
): Promise<{ id: string; name: string }> {
  const [row] = await db
    .select({ id: scripts.id, name: scripts.name })
    .from(scripts)
    .where(and(eq(scripts.workspaceId, workspaceId), eq(scripts.key, key)))
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND", { detail: `No script "${key}".`, extensions: { key } });
  return row;
}

/** One script with every version, newest first. */
export async function getScript(db: Db, workspaceId: string, key: string): Promise<ScriptDetail> {
  const script = await findScriptId(db, workspaceId, key);
  const rows = await db
    .select(versionColumns)
    .from(scriptVersions)
    .where(eq(scriptVersions.scriptId, script.id))
    .orderBy(desc(scriptVersions.version));
  return { key, name: script.name, versions: rows.map(toVersionView) };
}

/** The document of one version; by default the newest approved one, else the newest. */
export async function exportScript(
  db: Db,
  workspaceId: string,
  key: string,
  version?: number,
): Promise<ScriptDocument> {
  const detail = await getScript(db, workspaceId, key);
  const chosen =
    version === undefined
      ? (detail.versions.find((v) => v.status === "approved") ?? detail.versions[0])
      : detail.versions.find((v) => v.version === version);
  if (!chosen) throw new AppError("NOT_FOUND", { detail: `Script "${key}" has no version ${version ?? ""}.`.trim() });
  if (!chosen.document)
    throw new AppError("UNPROCESSABLE", {
      detail: `Version ${chosen.version} of "${key}" is not a valid script document.`,
    });
  return chosen.document;
}

/**
 * The newest approved version of each of the workspace's scripts, by key: what published flows say and
 * send. Drafts and versions in review are never used.
 */
export async function approvedScripts(
  db: Db,
  workspaceId: string,
  keys?: readonly string[],
): Promise<Map<string, ScriptDocument>> {
  const rows = await db
    .select({ key: scripts.key, version: scriptVersions.version, document: scriptVersions.document })
    .from(scriptVersions)
    .innerJoin(scripts, eq(scripts.id, scriptVersions.scriptId))
    .where(and(eq(scriptVersions.workspaceId, workspaceId), eq(scriptVersions.status, "approved")))
    .orderBy(asc(scripts.key), desc(scriptVersions.version));
  const wanted = keys ? new Set(keys) : undefined;
  const out = new Map<string, ScriptDocument>();
  for (const row of rows) {
    if (out.has(row.key) || (wanted && !wanted.has(row.key))) continue;
    const parsed = parseScriptDocument(row.document);
    if (parsed.ok) out.set(row.key, parsed.document);
  }
  return out;
}

/** A resolver for flow validation (flows/validate/checkScripts): the workspace's approved scripts. */
export async function approvedScriptResolver(
  db: Db,
  workspaceId: string,
): Promise<(key: string) => ScriptDocument | undefined> {
  const approved = await approvedScripts(db, workspaceId);
  return (key) => approved.get(key);
}
