import { assign, setup } from "xstate";
import type { AnyStateMachine } from "xstate";
import { evaluateExpression, expressionIsTrue } from "../expressions";
import type { JsonValue } from "../expressions";
import type { FlowContext, MachineJson } from "./machineJson";
import { coerceValue } from "./coerceValue";
import type { FlowContextActionParams, FlowEffectParams, FlowEffectType, FlowGuardParams } from "./flowEffect";

export type FlowEvent = { type: string; data?: { [key: string]: JsonValue } };

export type FlowInput = {
  vars?: { [name: string]: JsonValue };
  customer?: { [name: string]: JsonValue };
};

/**
 * Side effects are carried out by the caller from the actions `transition` returns (see
 * flows/execute/planEffects.ts); here they are bound to nothing, with their param types, so that the
 * machine's action types name every effect.
 */
const noSideEffects = {
  enterNode: (_: unknown, _params: FlowEffectParams["enterNode"]) => {},
  leaveNode: (_: unknown, _params: FlowEffectParams["leaveNode"]) => {},
  queueMessage: (_: unknown, _params: FlowEffectParams["queueMessage"]) => {},
  askQuestion: (_: unknown, _params: FlowEffectParams["askQuestion"]) => {},
  sendSurvey: (_: unknown, _params: FlowEffectParams["sendSurvey"]) => {},
  scheduleTimer: (_: unknown, _params: FlowEffectParams["scheduleTimer"]) => {},
  cancelTimer: (_: unknown, _params: FlowEffectParams["cancelTimer"]) => {},
  recordHandoff: (_: unknown, _params: FlowEffectParams["recordHandoff"]) => {},
  requestVerification: (_: unknown, _params: FlowEffectParams["requestVerification"]) => {},
} satisfies { [Type in FlowEffectType]: (args: unknown, params: FlowEffectParams[Type]) => void };

/**
 * Binds the compiled JSON config to its implementations. Context changes are XState `assign`s
 * (so pure `transition` applies them); every side effect is returned as an action for the caller.
 */
export function createFlowMachine(config: MachineJson) {
  const machine = setup({
    types: {} as { context: FlowContext; events: FlowEvent; input: FlowInput | undefined },
    actions: {
      ...noSideEffects,
      assignVariables: assign(({ context }, params: FlowContextActionParams["assignVariables"]) => {
        const vars = { ...context.vars };
        for (const [name, expression] of Object.entries(params.assign))
          vars[name] = evaluateExpression(expression, context);
        return { vars };
      }),
      storeEventValue: assign(({ context, event }, params: FlowContextActionParams["storeEventValue"]) => {
        if (params.variable === undefined) return {};
        const value = event.data?.[params.field];
        const stored = params.as ? coerceValue(value, params.as) : value;
        return { vars: { ...context.vars, [params.variable]: stored === undefined ? null : stored } };
      }),
      setOutcome: assign((_, params: FlowContextActionParams["setOutcome"]) => ({ outcome: params.outcome })),
      setSubflowOutcome: assign((_, params: FlowContextActionParams["setSubflowOutcome"]) => ({
        subflowOutcome: params.outcome,
      })),
      enterSubflow: assign(({ context }, params: FlowContextActionParams["enterSubflow"]) => {
        const vars: { [name: string]: JsonValue } = {};
        for (const [name, fallback] of Object.entries(params.defaults)) {
          vars[name] = Object.prototype.hasOwnProperty.call(context.vars, name)
            ? (context.vars[name] ?? null)
            : fallback;
        }
        return { frames: [...context.frames, context.vars], vars, subflowOutcome: undefined };
      }),
      exitSubflow: assign(({ context }) => {
        const caller = context.frames[context.frames.length - 1] ?? {};
        const vars = { ...caller };
        for (const name of Object.keys(caller)) {
          if (Object.prototype.hasOwnProperty.call(context.vars, name)) vars[name] = context.vars[name] ?? null;
        }
        return { frames: context.frames.slice(0, -1), vars };
      }),
    },
    guards: {
      expression: ({ context }, params: FlowGuardParams["expression"]) => expressionIsTrue(params.expr, context),
      answerIs: ({ event }, params: FlowGuardParams["answerIs"]) => {
        const value = event.data?.value;
        return (
          (typeof value === "string" || typeof value === "number" || typeof value === "boolean") &&
          String(value) === params.value
        );
      },
      answerFits: ({ event }, params: FlowGuardParams["answerFits"]) =>
        coerceValue(event.data?.value, params.as) !== undefined,
      scoreInRange: ({ event }, params: FlowGuardParams["scoreInRange"]) => {
        const score = event.data?.score;
        return typeof score === "number" && Number.isInteger(score) && score >= params.min && score <= params.max;
      },
      subflowOutcomeIs: ({ context }, params: FlowGuardParams["subflowOutcomeIs"]) =>
        context.subflowOutcome === params.outcome,
    },
  });
  return machine.createMachine({
    // The JSON config names only the actions and guards bound above; XState's types cannot see that.
    ...config,
    context: ({ input }) => initialContext(config, input),
  });
}

export type FlowMachine = ReturnType<typeof createFlowMachine> & AnyStateMachine;

function initialContext(config: MachineJson, input: FlowInput | undefined): FlowContext {
  const vars = { ...config.context.vars };
  for (const [name, value] of Object.entries(input?.vars ?? {})) {
    if (Object.prototype.hasOwnProperty.call(vars, name)) vars[name] = value;
  }
  return { vars, customer: { ...(input?.customer ?? {}) }, frames: [] };
}
