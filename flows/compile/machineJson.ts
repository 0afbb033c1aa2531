import type { JsonValue } from "../expressions";
import type { FlowAction, FlowGuard } from "./flowEffect";

/** The JSON shapes of the XState machine config the compiler emits; no functions anywhere. */
export type ActionJson = FlowAction;

export type TransitionJson = {
  target?: string;
  /** Leave and enter the state again when the target is the state itself (XState 5 does not by default). */
  reenter?: boolean;
  guard?: FlowGuard;
  actions?: ActionJson[];
};

/** What the runtime and the canvas learn about a state without reading the flow document again. */
export type StepMeta = {
  node: string;
  /** Unique across nested subflows: node ids joined by "/". */
  path: string;
  type: string;
  /** `active` waits for an event, `waiting` only for the clock, `passing` leaves at once. */
  status: "active" | "waiting" | "passing" | "completed";
  accepts: string[];
  stage?: string;
  mot?: boolean;
  script?: string;
  /** The styles the node wants its script in, in order (a stage's `style`, then `styleFallback`). */
  styles?: string[];
  label?: string;
  outcome?: string;
  timer?: string;
  /** The values an `ask` takes, when it offers options, with what the customer reads (label: the value when none). */
  options?: Array<{ value: string; label: string }>;
  /** The score range a survey takes. */
  scale?: { min: number; max: number };
  /** A survey's metric. */
  metric?: "csat" | "nps";
  /** A verify node's level (1–3), methods and attempt cap (one-time codes). */
  level?: number;
  methods?: string[];
  maxAttempts?: number;
  /** The script of a verify node's one-time code message (with `otp` among its methods). */
  codeScript?: string;
};

export type StateJson = {
  type?: "final" | "compound";
  entry?: ActionJson[];
  exit?: ActionJson[];
  always?: TransitionJson[];
  on?: { [event: string]: TransitionJson[] };
  initial?: string;
  states?: { [key: string]: StateJson };
  onDone?: TransitionJson[];
  meta?: StepMeta;
};

export type FlowContext = {
  vars: { [name: string]: JsonValue };
  customer: { [name: string]: JsonValue };
  outcome?: string;
  /** The outcome of the subflow that ended last, read by the caller's outlets. */
  subflowOutcome?: string;
  /** The caller's variables while a subflow runs, innermost last. */
  frames: Array<{ [name: string]: JsonValue }>;
};

export type MachineJson = {
  id: string;
  initial: string;
  context: FlowContext;
  states: { [key: string]: StateJson };
};

export const TIMER_EVENT_PREFIX = "timer.";

export function timerEvent(timerId: string): string {
  return `${TIMER_EVENT_PREFIX}${timerId}`;
}

/** State keys are node ids with the characters XState reads as paths escaped. */
export function stateKey(nodeId: string): string {
  return nodeId.replace(/[%.#/]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
