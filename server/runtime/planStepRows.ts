// The database side of a step's effects. What the effects mean is decided once, by
// flows/execute/planEffects.ts (the simulator uses the same plan); this turns the plan into the timer and
// outbox rows writeTransition inserts in the same statement as the snapshot.
import "server-only";
import { planEffects, type Channel, type FlowContext, type FlowEffect, type JsonValue } from "../../flows";

export type PlannedTimerRow = { key: string; due_at: string };
export type PlannedOutboxRow = { channel: string; payload: { [key: string]: JsonValue } };
/** A path row the step inserts: `ord` counts from 0 within the step; `closed` when it was left in the step too. */
export type PlannedPathRow = {
  ord: number;
  node: string;
  path: string;
  type: string;
  closed: boolean;
  outlet: string | null;
  data: { [key: string]: JsonValue } | null;
};
/** A node entered in an earlier step that this step leaves. */
export type PlannedPathLeave = { path: string; outlet: string };
export type StepRows = {
  timers: PlannedTimerRow[];
  cancel: string[];
  outbox: PlannedOutboxRow[];
  enter: PlannedPathRow[];
  leave: PlannedPathLeave[];
};

export type StepRowsInput = {
  effects: readonly FlowEffect[];
  /** The interaction's clock, ms since the epoch: real time, or the test clock. */
  clock: number;
  /** The context after the step (for `until` timers and channel resolution). */
  context: FlowContext;
  flowChannels: readonly Channel[];
  interactionId: string;
  flowKey: string;
  customerId: string | null;
};

export function planStepRows(input: StepRowsInput): StepRows {
  const plan = planEffects(input);
  const base = {
    interactionId: input.interactionId,
    flow: input.flowKey,
    customer: input.customerId === null ? null : { id: input.customerId },
  };
  const outbox: PlannedOutboxRow[] = [];
  for (const message of plan.messages) {
    const { channel } = message;
    // A message no channel of the flow can carry is not sent (the simulator shows it without a channel).
    if (channel === null) continue;
    // The policy reads `category`; `fallback` is where a capped or failed message may go next.
    const route = {
      channel,
      ...(message.fallback.length > 0 ? { fallback: message.fallback } : {}),
      ...(message.category ? { category: message.category } : {}),
    };
    const payload =
      message.kind === "message"
        ? { ...base, kind: message.kind, node: message.node, script: message.script, ...route }
        : { ...base, kind: message.kind, node: message.node, metric: message.metric, script: message.script, ...route };
    outbox.push({ channel, payload });
  }
  const enter: PlannedPathRow[] = plan.entered.map((entry, ord) => ({
    ord,
    node: entry.node,
    path: entry.path,
    type: entry.type,
    // An end is where the path stops: closed as it is entered.
    closed: entry.type === "end",
    outlet: null,
    data: null,
  }));
  const leave: PlannedPathLeave[] = [];
  for (const left of plan.left) {
    const row = left.entry === null ? undefined : enter[left.entry];
    if (row) {
      row.closed = true;
      row.outlet = left.outlet;
    } else leave.push({ path: left.path, outlet: left.outlet });
  }
  for (const handoff of plan.handoffs) {
    const row = enter[handoff.entry];
    if (row)
      row.data = {
        channel: handoff.channel,
        queue: handoff.queue ?? null,
        context: handoff.carryContext ? input.context.vars : {},
      };
  }
  return {
    timers: plan.timers.map(({ key, dueAt }) => ({ key, due_at: new Date(dueAt).toISOString() })),
    cancel: plan.cancel,
    outbox,
    enter,
    leave,
  };
}
