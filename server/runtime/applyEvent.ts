// One event applied to a loaded row: restore the snapshot, pure transitionFlow, plan the
// effects, render the scripts (prepareStep), and one write guarded by the row's seq.
import "server-only";
import { randomUUID } from "node:crypto";
import {
  currentStep,
  interactionStatus,
  persistSnapshot,
  restoreSnapshot,
  transitionFlow,
  VERIFY_SUBMITTED_EVENT,
  type FlowEvent,
  type FlowSnapshot,
  type InteractionStatus,
  type PersistedFlowSnapshot,
} from "../../flows";
import type { SqlQuery } from "../db/sqlClient";
import type { EngineContext } from "./engineContext";
import { persistedSnapshotOf, type InteractionRow } from "./interactionRow";
import { interactionView, type InteractionView, type StepScriptText } from "./interactionView";
import { planStepRows, type StepRows } from "./planStepRows";
import { renderStepScripts } from "./renderStepScripts";
import { stepExtras, stepExtrasNeedRead } from "./stepExtras";
import { storedRowView } from "./interactionOfRow";
import { writeTransition, type KeyedAnswer, type TransitionWrite } from "./writeTransition";
import { AppError } from "../errors/appError";
import { decideCode, prepareVerificationCodes } from "./verificationCodes";

/** `verify.submitted { code }`: the digits the customer typed (4 to 10), else a 400. */
function submittedCode(event: FlowEvent): string {
  const code = (event.data as { code?: unknown } | undefined)?.code;
  if (typeof code === "string" && /^[0-9]{4,10}$/.test(code)) return code;
  throw new AppError("VALIDATION_FAILED", { detail: "data.code: must be the code's digits (4 to 10), as a string" });
}

/**
 * Applying one event to a loaded row: refused, written, or lost to a concurrent writer (with `answer`:
 * or the key taken). `row`: the interaction as written (not for a wrong code's answer, which writes no step).
 * `unanswerable` (only with `answer`): the step's answer needs another read, so it cannot be stored
 * by the step's own statement; nothing was written.
 */
export type StepOutcome =
  | { kind: "written"; view: InteractionView; row?: InteractionRow }
  | { kind: "refused"; reason: "ended" | "not-accepted"; accepts: string[]; message: string }
  | { kind: "stale" }
  | { kind: "unanswerable" };

/** The Idempotency-Key this step claims and answers in its own statement (writeTransition's KeyedAnswer). */
export type StepAnswer = Omit<KeyedAnswer, "before" | "after">;

/** Stands for `updatedAt` in the answer's JSON until the write says what it is. */
const UPDATED_AT = `\u0001updatedAt ${randomUUID()}`;

/**
 * A step computed but not yet written: `write` is what writeTransition (or, for a batch of timer steps,
 * writeTransitions) writes; the rest is what the step's answer and the cached row are made of.
 */
export type PreparedStep = {
  kind: "ready";
  write: TransitionWrite;
  next: FlowSnapshot;
  plan: StepRows;
  scriptText: StepScriptText;
  status: InteractionStatus;
  outcome: string | null;
  testClock: Date | null;
  channel: string;
};

/**
 * Everything of a step but its write: restore the snapshot, pure transitionFlow, plan the effects and
 * render the scripts. A wrong one-time code with attempts left is answered here (it writes no step).
 */
export async function prepareStep(
  context: Pick<EngineContext, "versions" | "scripts">,
  query: SqlQuery,
  row: InteractionRow,
  event: FlowEvent,
  step: { fromClock?: boolean; clock?: number } = {},
): Promise<PreparedStep | Exclude<StepOutcome, { kind: "stale" | "unanswerable" }>> {
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
    pathLength: row.path_length,
    openPath: row.open_path,
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
  const write: TransitionWrite = {
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
  };
  const channel = plan.channel ?? row.channel;
  return { kind: "ready", write, next, plan, scriptText, status, outcome, testClock, channel };
}

/**
 * The row as the database holds it after `prepared` was written, for this process's cache.
 * persistSnapshot made the write's snapshot a copy as plain JSON that nothing else holds (the view
 * shares `next`'s objects, not these; the write only serialises it), and its `context.vars` is the
 * column's value: no second copy is needed.
 */
export function rowAfter(
  row: InteractionRow,
  prepared: PreparedStep,
  written: { seq: number; updatedAt: Date },
): InteractionRow {
  const snapshot = prepared.write.snapshot as PersistedFlowSnapshot;
  return {
    ...row,
    snapshot: snapshot as unknown as InteractionRow["snapshot"],
    context: snapshot.context.vars as InteractionRow["context"],
    current_node: prepared.write.currentNode,
    status: prepared.status,
    outcome: prepared.outcome,
    seq: written.seq,
    path_length: row.path_length + prepared.plan.enter.length,
    open_path: prepared.plan.openPath,
    test_clock: prepared.testClock,
    channel: prepared.channel,
    updated_at: written.updatedAt,
  };
}

/** Steps the row's snapshot with `event` and writes the result guarded by the row's seq. */
export async function applyEvent(
  context: Pick<EngineContext, "versions" | "scripts">,
  query: SqlQuery,
  row: InteractionRow,
  event: FlowEvent,
  step: { fromClock?: boolean; clock?: number; answer?: StepAnswer } = {},
): Promise<StepOutcome> {
  const prepared = await prepareStep(context, query, row, event, step);
  if (prepared.kind !== "ready") return prepared;
  const { next, plan, scriptText, status, outcome, testClock, channel } = prepared;
  const viewOf = async (updatedAt: Date) =>
    interactionView(
      {
        id: row.id,
        flowKey: row.flow_key,
        version: row.version,
        status,
        outcome,
        channel,
        customerExternalId: row.customer_external_id,
        context: next.context.vars,
        testClock,
        createdAt: row.created_at,
        updatedAt,
      },
      next,
      await stepExtras(query, row.id, next, scriptText, plan),
    );
  // Under a key answered by this statement, the answer is made first: its JSON, but for `updatedAt`.
  let answered: { view: InteractionView; answer: KeyedAnswer } | undefined;
  if (step.answer) {
    if (stepExtrasNeedRead(next, plan)) return { kind: "unanswerable" };
    const view = await viewOf(new Date(0));
    view.updatedAt = UPDATED_AT;
    const json = JSON.stringify(view);
    const [before, after, more] = json.split(JSON.stringify(UPDATED_AT));
    if (before === undefined || after === undefined || more !== undefined) return { kind: "unanswerable" };
    answered = { view, answer: { ...step.answer, before, after } };
  }
  const written = await writeTransition(query, {
    ...prepared.write,
    ...(answered ? { answer: answered.answer } : {}),
  });
  if (!written) return { kind: "stale" };
  let view: InteractionView;
  if (answered) {
    view = answered.view;
    view.updatedAt = written.updatedAtText; // now JSON.stringify(view) is the stored answer, byte for byte
  } else view = await viewOf(written.updatedAt);
  return { kind: "written", view, row: rowAfter(row, prepared, written) };
}
