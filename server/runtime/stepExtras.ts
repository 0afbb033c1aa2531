// What a step's view needs beyond the snapshot: its timer's due time and a code's attempts left.
import "server-only";
import { currentStep, type FlowSnapshot } from "../../flows";
import type { SqlQuery } from "../db/sqlClient";
import type { StepExtras, StepScriptText } from "./interactionView";
import type { StepRows } from "./planStepRows";
import { openCode } from "./verificationCodes";

const TIMER_DUE = `select due_at from timers
  where interaction_id = $1 and timer_key = $2 and fired_at is null and cancelled_at is null
  order by seq desc limit 1`;

/**
 * `plan`: the step just planned (its timers are not read back); without it (a read) the timer row
 * is. Only a step with a timer or a one-time code costs a query.
 */
export async function stepExtras(
  query: SqlQuery,
  interactionId: string,
  snapshot: FlowSnapshot,
  scriptText: StepScriptText,
  plan?: StepRows,
): Promise<StepExtras> {
  const meta = currentStep(snapshot);
  const extras: StepExtras = { scriptText };
  if (!meta) return extras;
  if (meta.timer !== undefined) {
    const planned = plan?.timers.find((t) => t.key === meta.timer);
    if (planned) extras.dueAt = new Date(planned.due_at);
    else {
      const rows = await query<{ due_at: Date }>(TIMER_DUE, [interactionId, meta.timer]);
      if (rows[0]) extras.dueAt = rows[0].due_at;
    }
  }
  if (meta.codeScript !== undefined) {
    // Just sent with this step, or the open one; no code (no address, over the limit): none left.
    const planned = plan?.codeRows.find((c) => c.path === meta.path);
    const open = planned ? undefined : await openCode(query, interactionId, meta.path);
    extras.attemptsLeft = planned ? planned.max_attempts : open ? Math.max(0, open.max_attempts - open.attempts) : 0;
  }
  return extras;
}

/** Whether stepExtras after `plan` would query (a timer or code of the step not set by this step). */
export function stepExtrasNeedRead(snapshot: FlowSnapshot, plan: StepRows): boolean {
  const meta = currentStep(snapshot);
  if (!meta) return false;
  if (meta.timer !== undefined && !plan.timers.some((t) => t.key === meta.timer)) return true;
  return meta.codeScript !== undefined && !plan.codeRows.some((c) => c.path === meta.path);
}
