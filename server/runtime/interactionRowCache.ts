// The rows of live interactions as this process last wrote them, so that the next event on one of them
// is one round trip (the guarded write) instead of two (read, write). Safe because every change to an
// interactions row bumps its seq (writeTransition, cancelInteraction) and the write is guarded by
// `seq = expected`: a row another process (or a timer) moved on misses the guard, the entry is dropped
// and the event reads the row again — a stale entry costs one retry, never a wrong transition.
// Test-mode rows are not kept: moving a test clock changes `test_clock` without a seq. Nor ended ones.
// Only a write is trusted to check an entry: an event a cached row refuses is tried again on a fresh read.
// Only rows whose write has committed go in (a rolled-back write's seq may be reused by another).
// An entry is handed out as is, not copied: a step restores from it without changing it (XState's pure
// transition; the flow machine's assigns copy what they change), and a used entry is replaced by the
// step's written row or dropped. A written row holds persistSnapshot's plain JSON copy of the step's
// snapshot (its `context` is that copy's `vars`), which nothing else refers to: not copied again.
import "server-only";
import type { Caller } from "./engineContext";
import type { InteractionRow } from "./interactionRow";

export type InteractionRowCache = {
  /** The row as last written here, if it is the caller's (workspace and live mode). */
  get(caller: Caller, id: string): InteractionRow | undefined;
  put(row: InteractionRow): void;
  drop(id: string): void;
};

/** Least recently used first out, at `capacity` rows. */
export function createInteractionRowCache(capacity = 5_000): InteractionRowCache {
  const rows = new Map<string, InteractionRow>();
  return {
    get(caller, id) {
      const row = rows.get(id);
      if (!row || caller.mode !== "live" || row.workspace_id !== caller.workspaceId) return undefined;
      rows.delete(id);
      rows.set(id, row);
      return row;
    },
    put(row) {
      if (row.test_clock !== null || row.status === "completed" || row.status === "failed" || capacity <= 0) {
        rows.delete(row.id);
        return;
      }
      rows.delete(row.id);
      rows.set(row.id, row);
      if (rows.size > capacity) rows.delete(rows.keys().next().value as string);
    },
    drop(id) {
      rows.delete(id);
    },
  };
}
