// Snippets (script documents of `kind: "snippet"`, issue 14 item 7): the library a script is linted and
// rendered with, and the scripts that put a snippet in ("used by").
import "server-only";
import { asc, desc, eq } from "drizzle-orm";
import { parseScriptDocument, snippetKeys, type ScriptDocument, type SnippetLibrary } from "../../../flows/scripts";
import type { Db } from "../../db/client";
import { scripts, scriptVersions } from "../../db/schema";
import type { ScriptVersionStatus } from "../../db/schema/scripts";
import { approvedScripts } from "./scriptQueries";

/** The approved documents the script's snippets resolve against (none loaded when it uses no snippet). */
export async function snippetLibraryFor(db: Db, workspaceId: string, doc: ScriptDocument): Promise<SnippetLibrary> {
  if (snippetKeys(doc).length === 0) return new Map();
  return approvedScripts(db, workspaceId);
}

export type SnippetUser = { key: string; name: string; version: number; status: ScriptVersionStatus };

/** The scripts whose newest version puts in the snippet `key`, by key. */
export async function snippetUsedBy(db: Db, workspaceId: string, key: string): Promise<SnippetUser[]> {
  const rows = await db
    .select({
      key: scripts.key,
      name: scripts.name,
      version: scriptVersions.version,
      status: scriptVersions.status,
      document: scriptVersions.document,
    })
    .from(scriptVersions)
    .innerJoin(scripts, eq(scripts.id, scriptVersions.scriptId))
    .where(eq(scriptVersions.workspaceId, workspaceId))
    .orderBy(asc(scripts.key), desc(scriptVersions.version));
  const users: SnippetUser[] = [];
  let last: string | undefined;
  for (const row of rows) {
    if (row.key === last) continue;
    last = row.key;
    const parsed = parseScriptDocument(row.document);
    if (parsed.ok && row.key !== key && snippetKeys(parsed.document).includes(key))
      users.push({ key: row.key, name: row.name, version: row.version, status: row.status });
  }
  return users;
}
