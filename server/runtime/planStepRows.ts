// The database side of a step's effects. What the effects mean is decided once, by
// flows/execute/planEffects.ts (the simulator uses the same plan); this turns the plan into the timer and
// outbox rows writeTransition inserts in the same statement as the snapshot.
import "server-only";
import { planEffects, type Channel, type FlowContext, type FlowEffect, type JsonValue } from "../../flows";
import type { WebhookEventType } from "../db/schema/outbox";

export type PlannedTimerRow = { key: string; due_at: string };
/**
 * A webhook delivery the step queues (CONTRACT §5): a message (`message.send`, with its kind, node,
 * script and, once rendered, text) or an event. `address` null: the write looks the customer's up on
 * `channel`. `scriptKey` is the script to render into it (renderStepScripts fills `script`, `text`).
 */
export type PlannedOutboxRow = {
  channel: string;
  type: WebhookEventType;
  kind: "script" | "otp" | "survey";
  node: string | null;
  address: string | null;
  scriptKey: string | null;
  script: { key: string; version: number; variant: string } | null;
  subject: string | null;
  text: string | null;
  category: string | null;
  payload: { [key: string]: JsonValue };
  /** Decided before the write (a code over the send limit): the row is written skipped with this reason. */
  status?: "skipped";
  reason?: string;
  /** Variables the script renders with beyond the context (a one-time code's `code`); never a column. */
  renderVars?: { [key: string]: JsonValue };
  /** The styles the message node wants its script in (chooseVariant); never a column. */
  styles?: readonly string[];
};
/** A verify node with `otp` entered in the step: the runtime sends it a code (./verificationCodes.ts). */
export type PlannedCode = { node: string; path: string; maxAttempts: number; codeScript: string };
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
/** A node entered in an earlier step that this step leaves: its row's `position` (from `open_path`). */
export type PlannedPathLeave = { path: string; outlet: string; position: number };
export type StepRows = {
  timers: PlannedTimerRow[];
  cancel: string[];
  outbox: PlannedOutboxRow[];
  enter: PlannedPathRow[];
  leave: PlannedPathLeave[];
  /** One-time codes to send (turned into rows by ./verificationCodes.ts before the write). */
  codes: PlannedCode[];
  /** Code rows to insert with the step: `{ path, code_hash, expires_at, max_attempts }`. */
  codeRows: Array<{ path: string; code_hash: string; expires_at: string; max_attempts: number }>;
  /** The channel a handoff in the step switched the interaction to. */
  channel: string | null;
  /** The open path rows' positions by path after the step (`interactions.open_path`). */
  openPath: OpenPath;
};

/** `interactions.open_path`: the position of each open path row, by its path. */
export type OpenPath = { [path: string]: number };

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
  /** The interaction's channel before the step. */
  channel: string;
  /** The interaction's status and outcome after the step: an end queues `interaction.completed`/`failed`. */
  status: string;
  outcome: string | null;
  /** Its path before the step: how many rows it has, and the open ones' positions (a start: 0 and none). */
  pathLength: number;
  openPath: OpenPath;
};

export function planStepRows(input: StepRowsInput): StepRows {
  const plan = planEffects(input);
  const base = {
    interactionId: input.interactionId,
    flow: input.flowKey,
    customer: input.customerId === null ? null : { id: input.customerId },
  };
  const event = (
    type: WebhookEventType,
    channel: string,
    node: string | null,
    data: { [key: string]: JsonValue },
  ): PlannedOutboxRow => ({
    channel,
    type,
    kind: "script",
    node,
    address: null,
    scriptKey: null,
    script: null,
    subject: null,
    text: null,
    category: null,
    payload: { ...base, ...data },
  });
  const outbox: PlannedOutboxRow[] = [];
  for (const message of plan.messages) {
    // A message the customer is reachable on no channel for is written skipped, with why, on the channel it
    // would have taken (never silently dropped); one no channel of the flow can carry at all is not sent.
    const unreachable = message.channel === null ? message.unreachable : undefined;
    const channel = message.channel ?? unreachable?.channel ?? null;
    if (channel === null) continue;
    outbox.push({
      ...(unreachable ? { status: "skipped" as const, reason: unreachable.reason } : {}),
      channel,
      type: "message.send",
      kind: message.kind === "survey" ? "survey" : "script",
      node: message.node,
      address: null,
      scriptKey: message.script,
      ...(message.kind === "message" && message.styles ? { styles: message.styles } : {}),
      script: null,
      subject: null,
      text: null,
      category: message.category ?? null,
      // `fallback`: where the policy may move a capped message, or a failed delivery go next (CONTRACT §7).
      payload: {
        ...(message.kind === "survey"
          ? { ...base, kind: "survey", node: message.node, metric: message.metric, channel }
          : { ...base, kind: "script", node: message.node, channel }),
        ...(message.fallback.length > 0 ? { fallback: message.fallback } : {}),
      },
    });
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
  const openPath: OpenPath = { ...input.openPath };
  for (const left of plan.left) {
    const row = left.entry === null ? undefined : enter[left.entry];
    if (row) {
      row.closed = true;
      row.outlet = left.outlet;
      continue;
    }
    const position = openPath[left.path];
    // A node left that no open row stands for has nothing to close (there is always one since 0018).
    if (position !== undefined) leave.push({ path: left.path, outlet: left.outlet, position });
    delete openPath[left.path];
  }
  for (const row of enter) if (!row.closed) openPath[row.path] = input.pathLength + row.ord;
  let channel: string | null = null;
  for (const handoff of plan.handoffs) {
    const row = enter[handoff.entry];
    const data = {
      channel: handoff.channel,
      queue: handoff.queue ?? null,
      context: handoff.carryContext ? input.context.vars : {},
    };
    if (row) row.data = data;
    // The agent's side gets the context and the path so far (added at delivery, from the path rows).
    outbox.push(
      event("interaction.handoff", "all", handoff.node, {
        node: handoff.node,
        path: row?.path ?? handoff.node,
        ...data,
      }),
    );
    channel = handoff.channel;
  }
  const codes: PlannedCode[] = [];
  for (const verification of plan.verifications) {
    if (verification.methods.includes("otp") && verification.codeScript !== undefined) {
      codes.push({
        node: verification.node,
        path: verification.path ?? verification.node,
        maxAttempts: verification.maxAttempts ?? 3,
        codeScript: verification.codeScript,
      });
      continue;
    }
    outbox.push(
      event("verification.requested", channel ?? input.channel, verification.node, {
        node: verification.node,
        level: verification.level,
        methods: verification.methods,
      }),
    );
  }
  if (input.status === "completed" || input.status === "failed") {
    outbox.push(
      event(input.status === "completed" ? "interaction.completed" : "interaction.failed", "all", null, {
        status: input.status,
        outcome: input.outcome,
        channel: channel ?? input.channel,
      }),
    );
  }
  return {
    timers: plan.timers.map(({ key, dueAt }) => ({ key, due_at: new Date(dueAt).toISOString() })),
    cancel: plan.cancel,
    outbox,
    enter,
    leave,
    codes,
    codeRows: [],
    channel,
    openPath,
  };
}
