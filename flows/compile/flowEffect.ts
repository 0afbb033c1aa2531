import type { MessageCategory } from "../schema/policyDocument";
import type { JsonValue } from "../expressions";
import type { Channel } from "../schema/common";
import type { ValueType } from "./coerceValue";

/**
 * The named actions and guards a compiled machine uses, one case per name with its params. The node
 * compilers build them with the constructors below, `createFlowMachine` binds them in `setup()` with
 * these param types, and `planEffects` (flows/execute/) turns the side effects into the work a step
 * must do. A new case that one of them does not handle fails to compile.
 */
export type FlowEffectParams = {
  /** Every state's first entry action: the node the interaction is on now. */
  enterNode: {
    node: string;
    path: string;
    type: string;
    status: "active" | "waiting" | "passing" | "completed";
    /** A stage's script, said when the step is entered. */
    script?: string;
  };
  /**
   * On every transition that follows an edge: the node at `path` is left by `outlet` (for a stage, the
   * event its edge waits for). Runs after the node's exit actions and before the next node's entry.
   */
  leaveNode: { path: string; outlet: string };
  queueMessage: {
    node: string;
    script: string;
    channel: Channel | "preferred";
    fallback: Channel[];
    /** CONTRACT §7: caps and quiet hours read it; transactional messages are never held. */
    category?: MessageCategory;
    /** The styles the node wants its script in, in order. */
    styles?: string[];
  };
  askQuestion: { node: string; script?: string };
  sendSurvey: { node: string; metric: "csat" | "nps"; script: string; channel?: Channel; category?: MessageCategory };
  /** `after` a duration or `until` a date variable; the clock sends `timer.<id>` when it falls due. */
  scheduleTimer: { id: string; after?: string; until?: string };
  cancelTimer: { id: string };
  recordHandoff: { node: string; channel: Channel; carryContext: boolean; queue?: string };
  /** `path` (the node's, for its one-time code), `maxAttempts` and `codeScript` with `otp` among the methods. */
  requestVerification: {
    node: string;
    level: number;
    methods: string[];
    path?: string;
    maxAttempts?: number;
    codeScript?: string;
  };
};

/** Context changes: XState `assign`s, applied by the pure `transition` itself. */
export type FlowContextActionParams = {
  assignVariables: { assign: { [name: string]: string } };
  storeEventValue: { variable?: string; field: string; as?: ValueType };
  setOutcome: { outcome: string };
  setSubflowOutcome: { outcome: string };
  enterSubflow: { node: string; flow: string; defaults: { [name: string]: JsonValue } };
  exitSubflow: { node: string };
};

export type FlowGuardParams = {
  expression: { expr: string };
  answerIs: { value: string };
  answerFits: { as: ValueType };
  scoreInRange: { min: number; max: number };
  subflowOutcomeIs: { outcome: string };
};

type Named<Params> = { [Type in keyof Params]: { type: Type; params: Params[Type] } }[keyof Params];

export type FlowEffectType = keyof FlowEffectParams;
/** A side effect the machine asks for; the caller (runtime or simulator) carries it out. */
export type FlowEffect = Named<FlowEffectParams>;
export type FlowEffectOf<Type extends FlowEffectType> = Extract<FlowEffect, { type: Type }>;
export type FlowContextAction = Named<FlowContextActionParams>;
/** Every action a compiled machine names. */
export type FlowAction = FlowEffect | FlowContextAction;
export type FlowGuard = Named<FlowGuardParams>;

/** The effect names, in the order the README lists them; typed so a missing or extra name fails to compile. */
export const flowEffectTypes = [
  "enterNode",
  "leaveNode",
  "queueMessage",
  "askQuestion",
  "sendSurvey",
  "scheduleTimer",
  "cancelTimer",
  "recordHandoff",
  "requestVerification",
] as const satisfies readonly FlowEffectType[];
// Fails to compile while a name of FlowEffectParams is missing from the list above.
const everyEffectListed: Exclude<FlowEffectType, (typeof flowEffectTypes)[number]> extends never ? true : never = true;
void everyEffectListed;

const effectNames: ReadonlySet<string> = new Set(flowEffectTypes);

export function isFlowEffectType(type: string): type is FlowEffectType {
  return effectNames.has(type);
}

/** Typed constructors: what the node compilers emit. */
export const flowEffect = {
  enterNode: (params: FlowEffectParams["enterNode"]) => ({ type: "enterNode", params }) as const,
  leaveNode: (params: FlowEffectParams["leaveNode"]) => ({ type: "leaveNode", params }) as const,
  queueMessage: (params: FlowEffectParams["queueMessage"]) => ({ type: "queueMessage", params }) as const,
  askQuestion: (params: FlowEffectParams["askQuestion"]) => ({ type: "askQuestion", params }) as const,
  sendSurvey: (params: FlowEffectParams["sendSurvey"]) => ({ type: "sendSurvey", params }) as const,
  scheduleTimer: (params: FlowEffectParams["scheduleTimer"]) => ({ type: "scheduleTimer", params }) as const,
  cancelTimer: (params: FlowEffectParams["cancelTimer"]) => ({ type: "cancelTimer", params }) as const,
  recordHandoff: (params: FlowEffectParams["recordHandoff"]) => ({ type: "recordHandoff", params }) as const,
  requestVerification: (params: FlowEffectParams["requestVerification"]) =>
    ({ type: "requestVerification", params }) as const,
} satisfies { [Type in FlowEffectType]: (params: FlowEffectParams[Type]) => FlowEffectOf<Type> };

export const flowContextAction = {
  assignVariables: (params: FlowContextActionParams["assignVariables"]) =>
    ({ type: "assignVariables", params }) as const,
  storeEventValue: (params: FlowContextActionParams["storeEventValue"]) =>
    ({ type: "storeEventValue", params }) as const,
  setOutcome: (params: FlowContextActionParams["setOutcome"]) => ({ type: "setOutcome", params }) as const,
  setSubflowOutcome: (params: FlowContextActionParams["setSubflowOutcome"]) =>
    ({ type: "setSubflowOutcome", params }) as const,
  enterSubflow: (params: FlowContextActionParams["enterSubflow"]) => ({ type: "enterSubflow", params }) as const,
  exitSubflow: (params: FlowContextActionParams["exitSubflow"]) => ({ type: "exitSubflow", params }) as const,
} satisfies {
  [Type in keyof FlowContextActionParams]: (
    params: FlowContextActionParams[Type],
  ) => Extract<FlowContextAction, { type: Type }>;
};

export const flowGuard = {
  expression: (params: FlowGuardParams["expression"]) => ({ type: "expression", params }) as const,
  answerIs: (params: FlowGuardParams["answerIs"]) => ({ type: "answerIs", params }) as const,
  answerFits: (params: FlowGuardParams["answerFits"]) => ({ type: "answerFits", params }) as const,
  scoreInRange: (params: FlowGuardParams["scoreInRange"]) => ({ type: "scoreInRange", params }) as const,
  subflowOutcomeIs: (params: FlowGuardParams["subflowOutcomeIs"]) => ({ type: "subflowOutcomeIs", params }) as const,
} satisfies { [Type in keyof FlowGuardParams]: (params: FlowGuardParams[Type]) => Extract<FlowGuard, { type: Type }> };
