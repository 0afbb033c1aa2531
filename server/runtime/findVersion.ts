// Which published flow version a start runs, and the customer it names, in one round trip.
import "server-only";
import type { SqlQuery } from "../db/sqlClient";
import { AppError } from "../errors/appError";
import { FLOW_ARCHIVED_SQL } from "./archivedFlow";
import { CUSTOMER_CONTEXT_COLUMNS, customerContext, type CustomerContextRow } from "./customerContext";
import type { CustomerRef, ResolvedCustomer } from "./engineContext";

const VERSION = `select v.id, ${FLOW_ARCHIVED_SQL} as archived from flow_versions v join flows f on f.id = v.flow_id
  where f.workspace_id = $1 and f.key = $2 and ($3::int is null or v.version = $3::int)
  order by v.version desc limit 1`;

// The version, and beside it the customer when there is one (a start's two lookups as one statement).
const WITH_CUSTOMER_BY_ID = `select v.id as version_id, v.archived, c.* from (${VERSION}) v
  left join lateral (select ${CUSTOMER_CONTEXT_COLUMNS} from customers c
    where c.workspace_id = $1 and c.external_id = $4) c on true`;
const WITH_CUSTOMER_BY_ADDRESS = `select v.id as version_id, v.archived, c.* from (${VERSION}) v
  left join lateral (select ${CUSTOMER_CONTEXT_COLUMNS} from customer_addresses a join customers c on c.id = a.customer_id
    where a.workspace_id = $1 and a.channel = $4 and a.address = $5) c on true`;

/** The published version to start: the one asked for, else the latest; an archived flow starts nothing. */
export async function findVersion(
  query: SqlQuery,
  workspaceId: string,
  flowKey: string,
  version?: number,
): Promise<string> {
  const rows = await query<{ id: string; archived: boolean }>(VERSION, [workspaceId, flowKey, version ?? null]);
  return checked(rows[0]?.id, rows[0]?.archived, flowKey, version);
}

type VersionAndCustomerRow = { version_id: string; archived: boolean } & (
  (CustomerContextRow & { id: string }) | { id: null }
);

/**
 * findVersion, and the customer `ref` names as the start sees it: undefined when there is no such
 * customer yet (the caller creates it), or when no ref was given.
 */
export async function findVersionAndCustomer(
  query: SqlQuery,
  workspaceId: string,
  flowKey: string,
  version: number | undefined,
  ref: CustomerRef | undefined,
): Promise<{ versionId: string; customer: ResolvedCustomer | undefined }> {
  if (!ref) return { versionId: await findVersion(query, workspaceId, flowKey, version), customer: undefined };
  const rows =
    "id" in ref
      ? await query<VersionAndCustomerRow>(WITH_CUSTOMER_BY_ID, [workspaceId, flowKey, version ?? null, ref.id])
      : await query<VersionAndCustomerRow>(WITH_CUSTOMER_BY_ADDRESS, [
          workspaceId,
          flowKey,
          version ?? null,
          ref.channel,
          ref.address,
        ]);
  const row = rows[0];
  const versionId = checked(row?.version_id, row?.archived, flowKey, version);
  const customer =
    row?.id == null ? undefined : { rowId: row.id, externalId: row.external_id, context: customerContext(row) };
  return { versionId, customer };
}

function checked(id: string | undefined, archived: boolean | undefined, flowKey: string, version?: number): string {
  if (id && archived)
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
