// Fires live timers that fell due. Rows are the truth; a sweep only finds them.
//
// One sweep is one transaction: a single statement claims a batch of due timers together with their
// interactions (`FOR UPDATE … SKIP LOCKED`: several sweepers, in one process or in many, take disjoint
// batches and never wait on each other), the claimed timers' steps are computed and written together
// in one statement (writeTransitions), and one more statement marks the batch fired or dropped. The
// timer row's `fired_at`, set in the same transaction as the step, is the idempotency key: a timer
// claimed twice (a duplicate job, a second process) finds itself fired.
// A timer that fell due while every process was down fires at the first sweep after a restart.
import "server-only";
import { timerEvent } from "../../flows";
import type { Engine } from "./engine";
import { INTERACTION_COLUMNS, INTERACTION_FROM, interactionRowSchema, type InteractionRow } from "./interactionRow";
import type { SqlQuery } from "../db/sqlClient";
import { fireDueTimer } from "./timers";
import { writeTransitions } from "./writeTransitions";

/** Due live timers with their interactions, both locked; rows locked by another sweeper are skipped. */
const CLAIM = `select t.id as timer_id, t.timer_key, ${INTERACTION_COLUMNS}
  from timers t join ${INTERACTION_FROM} on i.id = t.interaction_id
  where t.fired_at is null and t.cancelled_at is null and t.due_at <= now() and i.test_clock is null
  order by t.due_at limit $1
  for update of t, i skip locked`;

const SETTLE = `update timers t set fired_at = case when x.fired then now() end, cancelled_at = case when x.fired then null else now() end
  from jsonb_to_recordset($1::jsonb -> 'timers') as x(id uuid, fired boolean) where t.id = x.id`;

export type SweepResult = { seen: number; fired: number; dropped: number };

type Claimed = { timerId: string; key: string; row: InteractionRow };

/** One sweep: claims up to `limit` due timers and fires them in one transaction. */
export async function sweepDueTimers(engine: Engine, limit = 500): Promise<SweepResult> {
  let claimed: Claimed[] = [];
  try {
    return await engine.sql.transaction(async (query) => {
      const rows = await query<{ timer_id: string; timer_key: string }>(CLAIM, [limit]);
      claimed = rows.map((r) => ({ timerId: r.timer_id, key: r.timer_key, row: interactionRowSchema.parse(r) }));
      return fireClaimed(engine, query, claimed);
    });
  } catch (error) {
    if (claimed.length === 0) throw error;
    // One bad step aborted the batch: fire its timers one by one, so that it holds up no other.
    console.error("[runtime] timer batch failed, firing one by one:", error);
    const result: SweepResult = { seen: claimed.length, fired: 0, dropped: 0 };
    for (const c of claimed) {
      try {
        const outcome = await fireDueTimer(engine, c.timerId);
        if (outcome === "fired") result.fired++;
        else if (outcome === "dropped") result.dropped++;
      } catch (cause) {
        console.error(`[runtime] timer ${c.timerId} failed:`, cause);
      }
    }
    return result;
  }
}

async function fireClaimed(engine: Engine, query: SqlQuery, claimed: Claimed[]): Promise<SweepResult> {
  // One timer per interaction per batch (the earliest: rows come in due order); the others wait for
  // the next sweep, which sees the state this one leaves.
  const first = new Map<string, Claimed>();
  for (const c of claimed) if (!first.has(c.row.id)) first.set(c.row.id, c);
  const now = Date.now();
  const steps = await Promise.all(
    [...first.values()].map(async ({ timerId, key, row }) => {
      if (row.status === "completed" || row.status === "failed") return { timerId, fired: false };
      const prepared = await engine.prepareStep(query, row, { type: timerEvent(key) }, { fromClock: true, clock: now });
      // A timer's event is never a one-time code, so nothing is answered without a write.
      if (prepared.kind !== "ready") return { timerId, fired: false };
      return { timerId, fired: true, write: prepared.write };
    }),
  );
  const writes = steps.flatMap((s) => (s.write ? [s.write] : []));
  if (engine.sql.kind === "postgres" && writes.length > 1) await query("set local jit = off"); // as writeTriggeredStarts
  const written = await writeTransitions(query, writes);
  const settled = steps.map((s): { id: string; fired: boolean } | undefined =>
    // Not written: stale, which cannot happen under the row lock; left for the next sweep.
    s.write && !written.has(s.write.interactionId) ? undefined : { id: s.timerId, fired: s.fired },
  );
  const timers = settled.filter((s) => s !== undefined);
  if (timers.length > 0) await query(SETTLE, [{ timers }]);
  const fired = timers.filter((t) => t.fired).length;
  return { seen: claimed.length, fired, dropped: timers.length - fired };
}
