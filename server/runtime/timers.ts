// Durable timers. A timer is a row with a due time; firing it is one transaction
// that locks the interaction, re-checks that the timer is still pending, applies `timer.<id>` and sets
// `fired_at` — so a timer fires exactly once in effect however many sweepers (or duplicate jobs) try.
import "server-only";
import { addIsoDuration, isoDurationInRange, MAX_DURATION_YEARS, parseIsoDuration, timerEvent } from "../../flows";
import { AppError } from "../errors/appError";
import type { Caller, Engine } from "./engine";
import { interactionRowSchema, INTERACTION_COLUMNS, INTERACTION_FROM, type InteractionRow } from "./interactionRow";
import type { InteractionView } from "./interactionView";
import type { SqlQuery } from "../db/sqlClient";

export type FireResult = "fired" | "dropped" | "skipped";

const PENDING_TIMER = `select id, timer_key, due_at from timers where id = $1 and fired_at is null and cancelled_at is null for update`;

async function lockInteraction(query: SqlQuery, interactionId: string): Promise<InteractionRow | undefined> {
  const rows = await query(`select ${INTERACTION_COLUMNS} from ${INTERACTION_FROM} where i.id = $1 for update of i`, [
    interactionId,
  ]);
  return rows[0] === undefined ? undefined : interactionRowSchema.parse(rows[0]);
}

/**
 * Fires one timer inside an open transaction whose interaction row is locked. The event is applied on
 * the interaction's clock: real now, or (test mode) the later of its test clock and the due time.
 */
async function fireLocked(engine: Engine, query: SqlQuery, row: InteractionRow, timerId: string): Promise<FireResult> {
  const timer = (await query<{ id: string; timer_key: string; due_at: Date }>(PENDING_TIMER, [timerId]))[0];
  if (!timer) return "skipped";
  if (row.status === "completed" || row.status === "failed") {
    await query("update timers set cancelled_at = now() where id = $1", [timerId]);
    return "dropped";
  }
  const clock = row.test_clock ? Math.max(row.test_clock.getTime(), timer.due_at.getTime()) : Date.now();
  const outcome = await engine.applyEvent(
    query,
    row,
    { type: timerEvent(timer.timer_key) },
    { fromClock: true, clock },
  );
  if (outcome.kind === "stale") throw new Error("a locked interaction went stale");
  if (outcome.kind === "refused") {
    await query("update timers set cancelled_at = now() where id = $1", [timerId]);
    return "dropped";
  }
  // The step's own write cancels the timers of the node it leaves, this one too: fired, it is not cancelled
  // (as a sweep settles it).
  await query("update timers set fired_at = now(), cancelled_at = null where id = $1", [timerId]);
  return "fired";
}

/** Fires a live timer that fell due (the sweeper's unit of work). Safe to call twice: the second call skips. */
export async function fireDueTimer(engine: Engine, timerId: string): Promise<FireResult> {
  const owner = await engine.sql.query<{ interaction_id: string }>("select interaction_id from timers where id = $1", [
    timerId,
  ]);
  const interactionId = owner[0]?.interaction_id;
  if (!interactionId) return "skipped";
  return engine.sql.transaction(async (query) => {
    // Lock order everywhere: interaction row, then its timers (as an event's write does).
    const row = await lockInteraction(query, interactionId);
    if (!row || row.test_clock) return "skipped";
    return fireLocked(engine, query, row, timerId);
  });
}

/** Test clocks: moves the interaction's clock forward, firing every timer that falls due, in due order. */
export async function advanceTestClock(
  engine: Engine,
  caller: Caller,
  id: string,
  duration: string,
): Promise<InteractionView & { fired: string[] }> {
  if (caller.mode !== "test")
    throw new AppError("TEST_CLOCK_FORBIDDEN", {
      detail: "Only interactions started with a test API key have a clock to move.",
    });
  const parsed = parseIsoDuration(duration);
  if (!parsed)
    throw new AppError("INVALID_DURATION", {
      detail: `"${duration}" is not an ISO 8601 duration (for example P3D or PT2H).`,
    });
  const first = await engine.readRow(engine.sql.query, caller, id);
  if (!first?.test_clock)
    throw new AppError("INTERACTION_NOT_FOUND", { detail: `No interaction ${id} in this workspace.` });
  if (!isoDurationInRange(parsed, first.test_clock.getTime()))
    throw new AppError("DURATION_OUT_OF_RANGE", {
      detail: `"${duration}" moves the clock more than ${MAX_DURATION_YEARS} years.`,
      extensions: { maxYears: MAX_DURATION_YEARS },
    });
  const target = new Date(addIsoDuration(first.test_clock.getTime(), parsed));
  const fired: string[] = [];
  for (let guard = 0; guard < 10_000; guard++) {
    const next = await engine.sql.transaction(async (query) => {
      const row = await lockInteraction(query, id);
      if (!row?.test_clock) return undefined;
      const due = await query<{ id: string; timer_key: string }>(
        `select id, timer_key from timers where interaction_id = $1 and fired_at is null and cancelled_at is null and due_at <= $2
         order by due_at, seq, created_at limit 1`,
        [id, target],
      );
      const timer = due[0];
      if (!timer) {
        await query("update interactions set test_clock = greatest(test_clock, $2::timestamptz) where id = $1", [
          id,
          target,
        ]);
        return undefined;
      }
      const result = await fireLocked(engine, query, row, timer.id);
      return result === "fired" ? timer.timer_key : "";
    });
    if (next === undefined) break;
    if (next !== "") fired.push(next);
  }
  return { ...(await engine.get(caller, id)), fired };
}
