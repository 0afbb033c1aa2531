// Compiled machines per published flow version. A flow_versions row never changes,
// so an entry never goes stale; createFlowMachine runs once per version per process.
import "server-only";
import { z } from "zod";
import {
  createFlowMachine,
  parseFlowDocumentOrThrow,
  type FlowMachine,
  type MachineJson,
  type FlowDocument,
} from "../../flows";
import type { SqlClient, SqlQuery } from "../db/sqlClient";

export type LoadedFlowVersion = {
  id: string;
  workspaceId: string;
  flowKey: string;
  version: number;
  document: FlowDocument;
  machine: FlowMachine;
};

const versionRowSchema = z.object({
  id: z.string(),
  workspace_id: z.string(),
  key: z.string(),
  version: z.number(),
  source: z.unknown(),
  compiled: z.looseObject({
    id: z.string(),
    initial: z.string(),
    context: z.unknown(),
    states: z.record(z.string(), z.unknown()),
  }),
});

/**
 * `query`: the connection to load through on a miss — inside a transaction, the transaction's own
 * (PGlite has one connection: a query outside the open transaction would wait for it forever).
 */
export type FlowVersionCache = { get(id: string, query?: SqlQuery): Promise<LoadedFlowVersion> };

export function createFlowVersionCache(sql: SqlClient, limit = 1000): FlowVersionCache {
  const entries = new Map<string, Promise<LoadedFlowVersion>>();
  const load = async (id: string, query: SqlQuery): Promise<LoadedFlowVersion> => {
    const rows = await query(
      "select v.id, v.workspace_id, f.key, v.version, v.source, v.compiled from flow_versions v join flows f on f.id = v.flow_id where v.id = $1",
      [id],
    );
    const row = versionRowSchema.parse(rows[0]);
    const document = parseFlowDocumentOrThrow(row.source);
    // The compiler wrote this config; its shape is MachineJson by construction (checked loosely above).
    const machine = createFlowMachine(row.compiled as unknown as MachineJson);
    return { id: row.id, workspaceId: row.workspace_id, flowKey: row.key, version: row.version, document, machine };
  };
  return {
    get(id, query = sql.query) {
      let entry = entries.get(id);
      if (!entry) {
        if (entries.size >= limit) entries.delete(entries.keys().next().value ?? "");
        entry = load(id, query);
        entry.catch(() => entries.delete(id));
        entries.set(id, entry);
      }
      return entry;
    },
  };
}
