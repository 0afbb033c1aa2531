// Rebuilds an interaction's snapshot from its event log alone (start input, then
// every event in seq order), to prove the log is the whole truth and to audit a stored snapshot.
import "server-only";
import {
  persistSnapshot,
  startFlow,
  transitionFlow,
  TIMER_EVENT_PREFIX,
  type FlowInput,
  type PersistedFlowSnapshot,
} from "../../flows";
import { CANCELLED_EVENT } from "./cancelInteraction";
import type { FlowVersionCache } from "./flowVersionCache";
import type { SqlQuery } from "../db/sqlClient";

export async function replayInteraction(
  query: SqlQuery,
  versions: FlowVersionCache,
  interactionId: string,
): Promise<{ replayed: PersistedFlowSnapshot; stored: unknown }> {
  const [row] = await query<{ flow_version_id: string; snapshot: unknown }>(
    "select flow_version_id, snapshot from interactions where id = $1",
    [interactionId],
  );
  if (!row) throw new Error(`no interaction ${interactionId}`);
  const version = await versions.get(row.flow_version_id);
  const events = await query<{ seq: number; type: string; data: unknown }>(
    "select seq, type, data from interaction_events where interaction_id = $1 order by seq",
    [interactionId],
  );
  const [first, ...rest] = events;
  if (!first || first.seq !== 0) throw new Error("the log does not begin with the start");
  let { snapshot } = startFlow(version.machine, (first.data ?? {}) as FlowInput);
  for (const event of rest) {
    if (event.type === CANCELLED_EVENT) continue; // ended from outside the flow: the snapshot stayed
    const data = event.data === null ? undefined : (event.data as { [key: string]: never });
    const result = transitionFlow(
      version.machine,
      snapshot,
      { type: event.type, ...(data ? { data } : {}) },
      { fromClock: event.type.startsWith(TIMER_EVENT_PREFIX) },
    );
    if (!result.accepted) throw new Error(`event ${event.seq} (${event.type}) is refused on replay: ${result.message}`);
    snapshot = result.snapshot;
  }
  return { replayed: persistSnapshot(version.machine, snapshot), stored: row.snapshot };
}
