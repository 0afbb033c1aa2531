import { assign, setup } from "xstate";
import type { AnyStateMachine } from "xstate";
import { evaluateExpression, expressionIsTrue } from "../expressions";
import type { JsonValue } from "../expressions";
import type { FlowContext, MachineJson } from "./machineJson";
import { coerceValue } from "./coerceValue";
import type { ValueType } from "./coerceValue";

export type FlowEvent = { type: string; data?: { [key: string]: JsonValue } };

export type FlowInput = {
  vars?: { [name: string]: JsonValue };
  customer?: { [name: string]: JsonValue };
};

/** Side effects the compiled machine names; the runtime and the simulator carry them out. */
export const sideEffectActions = [
  "enterNode",
  "queueMessage",
  "askQuestion",
  "sendSurvey",
  "scheduleTimer",
  "cancelTimer",
  "recordHandoff",
  "requestVerification",
] as const;

const noSideEffectHere = () => {};

/**
 * Binds the compiled JSON config to its implementations. Context changes are XState `assign`s
 * (so pure `transition` applies them); every side effect is returned as an action for the caller.
 */
export function createFlowMachine(config: MachineJson) {
  const machine = setup({
    types: {} as { context: FlowContext; events: FlowEvent; input: FlowInput | undefined },
    actions: {
      ...Object.fromEntries(sideEffectActions.map((name) => [name, noSideEffectHere])),
      assignVariables: assign(({ context }, params: { assign: { [name: string]: string } }) => {
        const vars = { ...context.vars };
        for (const [name, expression] of Object.entries(params.assign))
          vars[name] = evaluateExpression(expression, context);
        return { vars };
      }),
      storeEventValue: assign(({ context, event }, params: { variable?: string; field: string; as?: ValueType }) => {
        if (params.variable === undefined) return {};
        const value = event.data?.[params.field];
        const stored = params.as ? coerceValue(value, params.as) : value;
        return { vars: { ...context.vars, [params.variable]: stored === undefined ? null : stored } };
      }),
      setOutcome: assign((_, params: { outcome: string }) => ({ outcome: params.outcome })),
      setSubflowOutcome: assign((_, params: { outcome: string }) => ({ subflowOutcome: params.outcome })),
      enterSubflow: assign(({ context }, params: { defaults: { [name: string]: JsonValue } }) => {
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
      expression: ({ context }, params: { expr: string }) => expressionIsTrue(params.expr, context),
      answerIs: ({ event }, params: { value: string }) => {
        const value = event.data?.value;
        return (
          (typeof value === "string" || typeof value === "number" || typeof value === "boolean") &&
          String(value) === params.value
        );
      },
      answerFits: ({ event }, params: { as: ValueType }) => coerceValue(event.data?.value, params.as) !== undefined,
      scoreInRange: ({ event }, params: { min: number; max: number }) => {
        const score = event.data?.score;
        return typeof score === "number" && Number.isInteger(score) && score >= params.min && score <= params.max;
      },
      subflowOutcomeIs: ({ context }, params: { outcome: string }) => context.subflowOutcome === params.outcome,
    },
  });
  return machine.createMachine({
    // The JSON config names only the actions and guards bound above; XState's types cannot see that.
    ...(config as unknown as Parameters<typeof machine.createMachine>[0]),
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
