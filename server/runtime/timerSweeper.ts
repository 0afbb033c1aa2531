// Server-only module: fires live timers that fell due. Rows are the truth; this loop only finds them.
// Several processes may sweep at once: fireDueTimer locks the interaction and re-checks, so a timer
// fires once in effect; one that fell due while every process was down fires at the next sweep.
import type { Engine } from "./engine";
import { fireDueTimer } from "./timers";

const DUE_TIMERS = `select t.id from timers t join interactions i on i.id = t.interaction_id
  where t.fired_at is null and t.cancelled_at is null and t.due_at <= now() and i.test_clock is null
  order by t.due_at limit $1`;

/** One sweep: fires up to `limit` due timers, `parallel` at a time; returns how many it looked at. */
export async function sweepDueTimers(engine: Engine, limit = 500, parallel = 8): Promise<{ seen: number; fired: number }> {
  const rows = await engine.sql.query<{ id: string }>(DUE_TIMERS, [limit]);
  let fired = 0;
  let next = 0;
  const lane = async () => {
    while (next < rows.length) {
      const row = rows[next++];
      if (!row) break;
      if ((await fireDueTimer(engine, row.id)) === "fired") fired++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, rows.length) }, lane));
  return { seen: rows.length, fired };
}
