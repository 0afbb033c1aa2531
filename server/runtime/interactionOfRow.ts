// An interaction as the API shows it, read from its row (no write).
import "server-only";
import { restoreSnapshot, type FlowSnapshot } from "../../flows";
import { AppError } from "../errors/appError";
import type { Caller, EngineContext } from "./engineContext";
import { persistedSnapshotOf, type InteractionRow } from "./interactionRow";
import { interactionView, type InteractionView, type StepExtras } from "./interactionView";
import type { SqlQuery } from "../db/sqlClient";
import { readInteraction } from "./readInteraction";
import { renderStepScripts } from "./renderStepScripts";
import { stepExtras } from "./stepExtras";

export async function getInteraction(context: EngineContext, caller: Caller, id: string): Promise<InteractionView> {
  const row = await readInteraction(context.sql.query, caller, id);
  if (!row) throw new AppError("INTERACTION_NOT_FOUND", { detail: `No interaction ${id} in this workspace.` });
  return interactionOfRow(context, row);
}

export async function interactionOfRow(
  context: Pick<EngineContext, "sql" | "versions" | "scripts">,
  row: InteractionRow,
): Promise<InteractionView> {
  const version = await context.versions.get(row.flow_version_id);
  const snapshot: FlowSnapshot = restoreSnapshot(version.machine, persistedSnapshotOf(row));
  return storedRowView(context, context.sql.query, row, snapshot);
}

/**
 * The view of a row as it is stored, on `query` (an open transaction's, when called inside one): its
 * step's scripts rendered and the step's extras, with `extras` over them.
 */
export async function storedRowView(
  context: Pick<EngineContext, "scripts">,
  query: SqlQuery,
  row: InteractionRow,
  snapshot: FlowSnapshot,
  extras: StepExtras = {},
): Promise<InteractionView> {
  const scriptText = await renderStepScripts(context.scripts, query, row.workspace_id, snapshot, undefined, row.id);
  return interactionView(
    {
      id: row.id,
      flowKey: row.flow_key,
      version: row.version,
      status: row.status,
      outcome: row.outcome,
      channel: row.channel,
      customerExternalId: row.customer_external_id,
      context: row.context,
      testClock: row.test_clock,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    },
    snapshot,
    { ...(await stepExtras(query, row.id, snapshot, scriptText)), ...extras },
  );
}
