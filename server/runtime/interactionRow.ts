// An interactions row as the runtime reads it, parsed with zod (jsonb included).
import "server-only";
import { z } from "zod";
import type { PersistedFlowSnapshot } from "../../flows";

const jsonRecord = z.record(z.string(), z.unknown());

const persistedSnapshotSchema = z.looseObject({
  status: z.string(),
  value: z.unknown(),
  context: z.looseObject({ vars: jsonRecord, customer: jsonRecord, frames: z.array(jsonRecord) }),
});

export const interactionRowSchema = z.object({
  id: z.string(),
  workspace_id: z.string(),
  flow_version_id: z.string(),
  flow_key: z.string(),
  version: z.number(),
  status: z.enum(["active", "waiting", "completed", "failed"]),
  channel: z.string(),
  customer_id: z.string().nullable(),
  customer_external_id: z.string().nullable(),
  snapshot: persistedSnapshotSchema,
  context: jsonRecord,
  current_node: z.string().nullable(),
  seq: z.number(),
  path_length: z.number(),
  open_path: z.record(z.string(), z.number()),
  outcome: z.string().nullable(),
  test_clock: z.date().nullable(),
  created_at: z.date(),
  updated_at: z.date(),
});

export type InteractionRow = z.infer<typeof interactionRowSchema>;

/** The stored snapshot, for restoreSnapshot (its inner shape is XState's, checked loosely above). */
export function persistedSnapshotOf(row: InteractionRow): PersistedFlowSnapshot {
  return row.snapshot as unknown as PersistedFlowSnapshot;
}

export const INTERACTION_COLUMNS = `i.id, i.workspace_id, i.flow_version_id, i.flow_key, i.version, i.status, i.channel, i.customer_id,
  c.external_id as customer_external_id, i.snapshot, i.context, i.current_node, i.seq, i.path_length, i.open_path, i.outcome, i.test_clock, i.created_at, i.updated_at`;

export const INTERACTION_FROM = "interactions i left join customers c on c.id = i.customer_id";

/** One interaction of a workspace, seen with a key of one mode (test keys see test interactions only). */
export const SELECT_INTERACTION = `select ${INTERACTION_COLUMNS} from ${INTERACTION_FROM}
  where i.id = $1 and i.workspace_id = $2 and (i.test_clock is not null) = $3`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
