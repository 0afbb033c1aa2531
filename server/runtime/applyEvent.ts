// One event applied to a loaded row: restore the snapshot, pure transitionFlow, plan the
// effects, render the scripts, and one write guarded by the row's seq.
import "server-only";
import {
  currentStep,
  interactionStatus,
  persistSnapshot,
  restoreSnapshot,
  transitionFlow,
  VERIFY_SUBMITTED_EVENT,
  type FlowEvent,
} from "../../flows";
import type { SqlQuery } from "../db/sqlClient";
import type { EngineContext } from "./engineContext";
import { persistedSnapshotOf, type InteractionRow } from "./interactionRow";
import { interactionView, type InteractionView } from "./interactionView";
import { planStepRows } from "./planStepRows";
import { renderStepScripts } from "./renderStepScripts";
import { stepExtras } from "./stepExtras";
import { storedRowView } from "./interactionOfRow";
import { writeTransition } from "./writeTransition";
import { AppError } from "../errors/appError";
import { decideCode, prepareVerificationCodes } from "./verificationCodes";

/** `verify.submitted { code }`: the digits the customer typed (4 to 10), else a 400. */
function submittedCode(event: FlowEvent): string {
  const code = (event.data as { code?: unknown } | undefined)?.code;
  if (typeof code === "string" && /^[0-9]{4,10}$/.test(code)) return code;
  throw new AppError("VALIDATION_FAILED", { detail: "data.code: must be the code's digits (4 to 10), as a string" });
}

/** Applying one event to a loaded row: refused, written, or lost to a concurrent writer. */
export type StepOutcome =
  | { kind: "written"; view: InteractionView }
  | { kind: "refused"; reason: "ended" | "not-accepted"; accepts: string[]; message: string }
  | { kind: "stale" };

/** Steps the row's snapshot with `event` and writes the result guarded by the row's seq. */
export async function applyEvent(
  context: Pick<EngineContext, "versions" | "scripts">,
  query: SqlQuery,
  row: InteractionRow,
  event: FlowEvent,
  step: { fromClock?: boolean; clock?: number } = {},
): Promise<StepOutcome> {
  const version = await context.versions.get(row.flow_version_id, query);
  const snapshot = restoreSnapshot(version.machine, persistedSnapshotOf(row));
  const clock = step.clock ?? (row.test_clock ? row.test_clock.getTime() : Date.now());
  const on = currentStep(snapshot);
  if (event.type === VERIFY_SUBMITTED_EVENT && on?.codeScript !== undefined && !step.fromClock) {
    // The runtime decides a one-time code itself: right or wrong, expired, too many (verificationCodes.ts).
    const decision = await decideCode(query, row.id, on.path, submittedCode(event), clock);
    // A wrong code with attempts left: nothing moves; the same step answers again with `attemptsLeft`.
    if (decision.kind === "again")
      return {
        kind: "written",
        view: await storedRowView(context, query, row, snapshot, { attemptsLeft: decision.attemptsLeft }),
      };
    event = { type: decision.type, data: decision.data };
  }
  const result = transitionFlow(version.machine, snapshot, event, { fromClock: step.fromClock });
  if (!result.accepted)
    return { kind: "refused", reason: result.reason, accepts: result.accepts, message: result.message };
  const next = result.snapshot;
  const testClock = row.test_clock ? new Date(clock) : null;
  const status = interactionStatus(next);
  const outcome = next.context.outcome ?? null;
  const plan = planStepRows({
    effects: result.effects,
    clock,
    context: next.context,
    flowChannels: version.document.channels,
    interactionId: row.id,
    flowKey: row.flow_key,
    customerId: row.customer_external_id,
    channel: row.channel,
    status,
    outcome,
  });
  await prepareVerificationCodes(
    query,
    row.customer_id,
    plan,
    {
      interactionId: row.id,
      flow: row.flow_key,
      customer: row.customer_external_id === null ? null : { id: row.customer_external_id },
    },
    clock,
  );
  const scriptText = await renderStepScripts(context.scripts, query, row.workspace_id, next, plan, row.id);
  const written = await writeTransition(query, {
    interactionId: row.id,
    expectedSeq: row.seq,
    snapshot: persistSnapshot(version.machine, next),
    context: next.context.vars,
    currentNode: currentStep(next)?.node ?? null,
    status,
    outcome,
    testClock,
    event: { type: event.type, data: event.data ?? null, fromNode: row.current_node },
    plan,
  });
  if (!written) return { kind: "stale" };
  const view = interactionView(
    {
      id: row.id,
      flowKey: row.flow_key,
      version: row.version,
      status,
      outcome,
      channel: plan.channel ?? row.channel,
      customerExternalId: row.customer_external_id,
      context: next.context.vars,
      testClock,
      createdAt: row.created_at,
      updatedAt: written.updatedAt,
    },
    next,
    await stepExtras(query, row.id, next, scriptText, plan),
  );
  return { kind: "written", view };
}
