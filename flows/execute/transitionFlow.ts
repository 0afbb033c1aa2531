import { createActor, type AnyActorRef } from "xstate";
import type { FlowEvent, FlowInput, FlowMachine } from "../compile/createFlowMachine";
import type { StepMeta } from "../compile/machineJson";
import { TIMER_EVENT_PREFIX } from "../compile/machineJson";
import { isFlowEffectType } from "../compile/flowEffect";
import type { FlowEffect } from "../compile/flowEffect";

export type FlowSnapshot = ReturnType<FlowMachine["resolveState"]>;

export type InteractionStatus = "active" | "waiting" | "completed" | "failed";

export type StepResult =
  | { accepted: true; snapshot: FlowSnapshot; effects: FlowEffect[] }
  | { accepted: false; reason: "ended" | "not-accepted"; accepts: string[]; message: string };

export function startFlow(machine: FlowMachine, input: FlowInput): { snapshot: FlowSnapshot; effects: FlowEffect[] } {
  const actions: FlowAction[] = [];
  const snapshot = machine.getInitialSnapshot(inertScope(machine, actions), input);
  return { snapshot, effects: toEffects(actions) };
}

type FlowAction = { type: string; params?: unknown };
type FlowScope = Parameters<FlowMachine["transition"]>[2];

/**
 * XState's `transition` and `initialTransition` make a new inert actor for every call, and an actor's
 * constructor computes the machine's initial snapshot (entering its initial states): for a step that
 * is a whole second transition thrown away (about a third of XState's time per event, profiled under
 * HTTP load). A flow machine invokes and spawns nothing (flows/compile), so one never-started actor per
 * machine serves every call; what differs per call is where the actions go. Calls are synchronous:
 * `actions` belongs to one call.
 */
const inertActors = new WeakMap<FlowMachine, AnyActorRef>();
function inertScope(machine: FlowMachine, actions: FlowAction[]): FlowScope {
  let self = inertActors.get(machine);
  if (!self) {
    self = createActor(machine) as unknown as AnyActorRef;
    inertActors.set(machine, self);
  }
  return {
    self,
    defer: () => {},
    id: "",
    logger: () => {},
    sessionId: "",
    stopChild: () => {},
    system: self.system,
    emit: () => {},
    actionExecutor: (action: FlowAction) => {
      actions.push(action as FlowAction);
    },
  } as unknown as FlowScope;
}

/**
 * Applies one event with XState's pure `transition`. Refuses what the current step does not take
 * (instead of silently dropping it); `timer.*` events are accepted only from the clock (`fromClock`).
 */
export function transitionFlow(
  machine: FlowMachine,
  snapshot: FlowSnapshot,
  event: FlowEvent,
  options: { fromClock?: boolean } = {},
): StepResult {
  const step = currentStep(snapshot);
  const accepts = step?.accepts ?? [];
  if (snapshot.status !== "active")
    return { accepted: false, reason: "ended", accepts: [], message: "The interaction has ended." };
  const isTimer = event.type.startsWith(TIMER_EVENT_PREFIX);
  if (isTimer ? !options.fromClock : !accepts.includes(event.type)) {
    return { accepted: false, reason: "not-accepted", accepts, message: notAcceptedMessage(event, step) };
  }
  const actions: FlowAction[] = [];
  const next = machine.transition(snapshot, event, inertScope(machine, actions));
  // An edge back to the same node leaves the snapshot as it was (same node, same context) but runs
  // the node's exit and entry again: taken, not refused.
  if (next === snapshot && actions.length === 0)
    return { accepted: false, reason: "not-accepted", accepts, message: notAcceptedMessage(event, step) };
  return { accepted: true, snapshot: next, effects: toEffects(actions) };
}

/** The innermost step the interaction is on (inside a subflow, the called flow's node). */
export function currentStep(snapshot: FlowSnapshot): StepMeta | undefined {
  // A snapshot never changes (XState makes a new one per transition); a step asks this several times.
  const known = steps.get(snapshot);
  if (known !== undefined) return known ?? undefined;
  const step = deepestStep(snapshot);
  steps.set(snapshot, step ?? null);
  return step;
}
const steps = new WeakMap<FlowSnapshot, StepMeta | null>();

function deepestStep(snapshot: FlowSnapshot): StepMeta | undefined {
  let deepest: StepMeta | undefined;
  let depth = -1;
  for (const meta of Object.values(snapshot.getMeta() as Record<string, StepMeta | undefined>)) {
    if (!meta) continue;
    const d = meta.path.split("/").length;
    if (d > depth) {
      deepest = meta;
      depth = d;
    }
  }
  return deepest;
}

export function interactionStatus(snapshot: FlowSnapshot): InteractionStatus {
  if (snapshot.status === "done") return "completed";
  if (snapshot.status === "error") return "failed";
  const status = currentStep(snapshot)?.status;
  return status === "waiting" ? "waiting" : "active";
}

function notAcceptedMessage(event: FlowEvent, step: StepMeta | undefined): string {
  if (!step) return `The event "${event.type}" is not accepted here.`;
  const where = `step "${step.node}" (${step.type})`;
  if (step.accepts.includes(event.type)) {
    if (step.options)
      return `The ${where} takes "${event.type}" only with one of the values ${step.options.map((o) => JSON.stringify(o)).join(", ")}.`;
    if (step.scale)
      return `The ${where} takes "${event.type}" only with a whole score from ${step.scale.min} to ${step.scale.max}.`;
    return `The ${where} does not take this "${event.type}".`;
  }
  return step.accepts.length > 0
    ? `The ${where} does not take "${event.type}"; it takes ${step.accepts.map((a) => `"${a}"`).join(", ")}.`
    : `The ${where} takes no events; it waits for the clock.`;
}

/** The side effects among the actions XState returns, in the order the machine asked for them. */
function toEffects<Action extends { type: string }>(actions: readonly Action[]): Extract<Action, FlowEffect>[] {
  return actions.filter(isEffect);
}

function isEffect<Action extends { type: string }>(action: Action): action is Extract<Action, FlowEffect> {
  return isFlowEffectType(action.type);
}
