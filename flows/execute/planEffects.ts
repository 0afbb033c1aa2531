import type { Channel } from "../schema/common";
import { addIsoDuration, parseIsoDuration } from "../schema/isoDuration";
import type { FlowContext } from "../compile/machineJson";
import type { FlowEffect, FlowEffectParams } from "../compile/flowEffect";
import { channelCandidates, unreachableReason } from "./resolveChannel";
import type { MessageCategory } from "../schema/policyDocument";

export type PlanInput = {
  effects: readonly FlowEffect[];
  /** The interaction's clock, ms since the epoch: real time, the test clock or the simulated one. */
  clock: number;
  /** The context after the step (for `until` timers and channel resolution). */
  context: FlowContext;
  flowChannels: readonly Channel[];
};

/** A node entered during the step, in order; the records below name it by its index here. */
export type PlannedEntry = FlowEffectParams["enterNode"];

/**
 * A node left during the step by `outlet`: one entered in this step (`entry` is its index in `entered`),
 * or one the interaction was on before it (`entry` is null: the node it waited on, or a subflow around it).
 */
export type PlannedLeave = { entry: number | null; path: string; outlet: string };

/** A timer to set: `timer.<key>` is sent when it falls due. */
export type PlannedTimer = { key: string; dueAt: number };

/** A script going out to the customer on a resolved channel (null: none of the flow's channels fits). */
export type PlannedMessage =
  | ({ entry: number; kind: "message"; node: string; script: string; styles?: string[] } & PlannedRoute)
  | ({ entry: number; kind: "survey"; node: string; metric: "csat" | "nps"; script: string } & PlannedRoute);

/**
 * Where a message goes: its channel (null when no channel reaches the customer), the channels after it
 * in order (for the policy's fallback and a failed delivery), and its category when the node names one.
 */
export type PlannedRoute = {
  channel: Channel | null;
  fallback: Channel[];
  category?: MessageCategory;
  /** With no channel: the one it would have gone out on, and why the customer is not reachable there. */
  unreachable?: { channel: Channel; reason: "NO_CONSENT" | "NO_ADDRESS" };
};

export type PlannedQuestion = { entry: number } & FlowEffectParams["askQuestion"];
export type PlannedHandoff = { entry: number } & FlowEffectParams["recordHandoff"];
export type PlannedVerification = { entry: number } & FlowEffectParams["requestVerification"];

/**
 * What one step must do, decided without a database or a clock of its own: the runtime turns it into
 * rows (timers, outbox) in the step's write, the simulator into its in-memory timers and messages.
 * `entry` in each record is the index in `entered` of the node that asked for it.
 */
export type EffectPlan = {
  entered: PlannedEntry[];
  left: PlannedLeave[];
  /** Timers to set; a key set again in the step replaces the earlier one. */
  timers: PlannedTimer[];
  /** Pending timers to cancel before `timers` are set (every key set is also cancelled first). */
  cancel: string[];
  messages: PlannedMessage[];
  questions: PlannedQuestion[];
  handoffs: PlannedHandoff[];
  verifications: PlannedVerification[];
};

/** The one interpretation of a step's effects, shared by the runtime and the simulator. */
export function planEffects(input: PlanInput): EffectPlan {
  const plan: EffectPlan = {
    entered: [],
    left: [],
    timers: [],
    cancel: [],
    messages: [],
    questions: [],
    handoffs: [],
    verifications: [],
  };
  const timers = new Map<string, number>();
  const cancel = new Set<string>();
  const route = (
    requested: Channel | "preferred",
    fallback: readonly Channel[],
    category: MessageCategory | undefined,
  ): PlannedRoute => {
    const [channel = null, ...rest] = channelCandidates(
      requested,
      fallback,
      input.context.customer,
      input.flowChannels,
    );
    const unreachable =
      channel === null ? unreachableReason(requested, fallback, input.context.customer, input.flowChannels) : undefined;
    return { channel, fallback: rest, ...(category ? { category } : {}), ...(unreachable ? { unreachable } : {}) };
  };
  for (const effect of input.effects) {
    const entry = plan.entered.length - 1;
    switch (effect.type) {
      case "enterNode":
        plan.entered.push(effect.params);
        break;
      case "leaveNode": {
        const { path, outlet } = effect.params;
        const left = new Set(plan.left.map((leave) => leave.entry));
        let index = plan.entered.length - 1;
        while (index >= 0 && (plan.entered[index]?.path !== path || left.has(index))) index--;
        plan.left.push({ entry: index >= 0 ? index : null, path, outlet });
        break;
      }
      case "scheduleTimer": {
        const key = effect.params.id;
        // A timer set again replaces the pending one of the same key.
        cancel.add(key);
        timers.delete(key);
        const due = dueAt(effect.params, input.clock, input.context);
        if (due !== undefined) timers.set(key, due);
        break;
      }
      case "cancelTimer":
        cancel.add(effect.params.id);
        timers.delete(effect.params.id);
        break;
      case "queueMessage": {
        const { node, script, channel, fallback, category, styles } = effect.params;
        plan.messages.push({
          entry,
          kind: "message",
          node,
          script,
          ...(styles ? { styles } : {}),
          ...route(channel, fallback, category),
        });
        break;
      }
      case "sendSurvey": {
        const { node, metric, script, channel, category } = effect.params;
        plan.messages.push({
          entry,
          kind: "survey",
          node,
          metric,
          script,
          ...route(channel ?? "preferred", [], category),
        });
        break;
      }
      case "askQuestion":
        plan.questions.push({ entry, ...effect.params });
        break;
      case "recordHandoff":
        plan.handoffs.push({ entry, ...effect.params });
        break;
      case "requestVerification":
        plan.verifications.push({ entry, ...effect.params });
        break;
      default:
        effect satisfies never;
    }
  }
  plan.timers = [...timers].map(([key, due]) => ({ key, dueAt: due }));
  plan.cancel = [...cancel];
  return plan;
}

/** When a scheduled timer falls due: `after` a duration, or `until` a date variable (never in the past). */
function dueAt(params: FlowEffectParams["scheduleTimer"], clock: number, context: FlowContext): number | undefined {
  if (params.after !== undefined) {
    const duration = parseIsoDuration(params.after);
    return duration ? addIsoDuration(clock, duration) : undefined;
  }
  if (params.until !== undefined) {
    const value = context.vars[params.until];
    const parsed = typeof value === "string" ? Date.parse(value) : Number.NaN;
    return Number.isNaN(parsed) ? clock : Math.max(parsed, clock);
  }
  return undefined;
}
