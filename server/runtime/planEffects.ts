// What one step's effects write, decided without the database. The rows themselves
// are written by writeStep in the same statement as the snapshot (see flows/simulate/flowSimulation.ts
// for the in-memory twin of these rules).
import "server-only";
import {
  addIsoDuration,
  parseIsoDuration,
  resolveChannel,
  type Channel,
  type FlowEffect,
  type FlowContext,
  type JsonValue,
} from "../../flows";

export type PlannedTimer = { key: string; due_at: string };
export type PlannedOutbox = { channel: string; payload: { [key: string]: JsonValue } };
export type EffectPlan = { timers: PlannedTimer[]; cancel: string[]; outbox: PlannedOutbox[] };

export type PlanInput = {
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

export function planEffects(input: PlanInput): EffectPlan {
  const timers = new Map<string, number>();
  const cancel = new Set<string>();
  const outbox: PlannedOutbox[] = [];
  const base = {
    interactionId: input.interactionId,
    flow: input.flowKey,
    customer: input.customerId === null ? null : { id: input.customerId },
  };
  for (const { type, params: p } of input.effects) {
    switch (type) {
      case "scheduleTimer": {
        const key = String(p.id);
        // A timer set again replaces the pending one of the same key.
        cancel.add(key);
        const due = dueAt(p, input.clock, input.context);
        if (due === undefined) timers.delete(key);
        else timers.set(key, due);
        break;
      }
      case "cancelTimer":
        cancel.add(String(p.id));
        timers.delete(String(p.id));
        break;
      case "queueMessage": {
        const channel = resolveChannel(
          String(p.channel),
          strings(p.fallback),
          input.context.customer,
          input.flowChannels,
        );
        if (channel)
          outbox.push({
            channel,
            payload: { ...base, kind: "message", node: String(p.node), script: String(p.script), channel },
          });
        break;
      }
      case "sendSurvey": {
        const channel = resolveChannel(
          typeof p.channel === "string" ? p.channel : "preferred",
          [],
          input.context.customer,
          input.flowChannels,
        );
        if (channel)
          outbox.push({
            channel,
            payload: {
              ...base,
              kind: "survey",
              node: String(p.node),
              metric: String(p.metric),
              script: String(p.script),
              channel,
            },
          });
        break;
      }
      default:
        break;
    }
  }
  return {
    timers: [...timers].map(([key, due]) => ({ key, due_at: new Date(due).toISOString() })),
    cancel: [...cancel],
    outbox,
  };
}

/** When a scheduled timer falls due: `after` a duration, or `until` a date variable (never in the past). */
function dueAt(params: { [key: string]: JsonValue }, clock: number, context: FlowContext): number | undefined {
  if (typeof params.after === "string") {
    const duration = parseIsoDuration(params.after);
    return duration ? addIsoDuration(clock, duration) : undefined;
  }
  if (typeof params.until === "string") {
    const value = context.vars[params.until];
    const parsed = typeof value === "string" ? Date.parse(value) : Number.NaN;
    return Number.isNaN(parsed) ? clock : Math.max(parsed, clock);
  }
  return undefined;
}

function strings(value: JsonValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

export function isEmptyPlan(plan: EffectPlan): boolean {
  return plan.timers.length === 0 && plan.cancel.length === 0 && plan.outbox.length === 0;
}
