// Which published flow version a start runs.
import "server-only";
import type { SqlQuery } from "../db/sqlClient";
import { AppError } from "../errors/appError";
import { FLOW_ARCHIVED_SQL } from "./archivedFlow";

/** The published version to start: the one asked for, else the latest; an archived flow starts nothing. */
export async function findVersion(
  query: SqlQuery,
  workspaceId: string,
  flowKey: string,
  version?: number,
): Promise<string> {
  const rows = await query<{ id: string; archived: boolean }>(
    `select v.id, ${FLOW_ARCHIVED_SQL} as archived from flow_versions v join flows f on f.id = v.flow_id
     where f.workspace_id = $1 and f.key = $2 and ($3::int is null or v.version = $3::int)
     order by v.version desc limit 1`,
    [workspaceId, flowKey, version ?? null],
  );
  const id = rows[0]?.id;
  if (id && rows[0]?.archived)
    throw new AppError("FLOW_ARCHIVED", {
      detail: `Flow "${flowKey}" is archived: it starts nothing (its running interactions finish on their version).`,
    });
  if (!id) {
    throw new AppError("FLOW_NOT_FOUND", {
      detail:
        version === undefined
          ? `No published flow "${flowKey}" in this workspace.`
          : `Flow "${flowKey}" has no published version ${version}.`,
    });
  }
  return id;
}
