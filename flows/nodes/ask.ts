import { z } from "zod";
import { isoDurationSchema } from "../schema/common";
import { errorAt } from "../diagnostics";
import type { TransitionJson } from "../compile/machineJson";
import { timerEvent } from "../compile/machineJson";
import { flowContextAction, flowEffect, flowGuard } from "../compile/flowEffect";
import { DEFAULT_OUTLET, defineNodeType, timerActions } from "./nodeType";

export const ANSWER_EVENT = "answer";
export const TIMEOUT_OUTLET = "timeout";

export const askNode = defineNodeType({
  type: "ask",
  label: "Ask",
  description: "Asks the customer a question and waits for the answer, stored in a variable; one outlet per option.",
  textKey: "node.ask",
  behaviour: "waits",
  dataSchema: z.looseObject({
    script: z.string().min(1).optional(),
    variable: z.string().min(1, "names no variable"),
    options: z
      .array(z.object({ value: z.string().min(1, "is empty"), label: z.string().optional() }))
      .refine((options) => new Set(options.map((o) => o.value)).size === options.length, {
        message: "has two options with the same value",
      })
      .optional(),
    timeout: isoDurationSchema.optional(),
  }),
  defaultData: () => ({ variable: "" }),
  outlets: (data) => [
    ...(data.options?.length ? data.options.map((o) => o.value) : [DEFAULT_OUTLET]),
    ...(data.timeout ? [TIMEOUT_OUTLET] : []),
  ],
  requiredOutlets: (data) => (data.timeout ? [TIMEOUT_OUTLET] : []),
  status: () => "active",
  step: (data) => ({
    ...(data.script !== undefined ? { script: data.script } : {}),
    ...(data.options !== undefined
      ? { options: data.options.map((option) => ({ value: option.value, label: option.label ?? option.value })) }
      : {}),
  }),
  scripts: (data, flowChannels) => (data.script !== undefined ? [{ key: data.script, channels: flowChannels }] : []),
  effects: ["askQuestion", "scheduleTimer", "cancelTimer"],
  check: ({ node, data, declaredVariables }) =>
    declaredVariables.has(data.variable)
      ? []
      : [
          errorAt(
            "UNDECLARED_VARIABLE",
            `Ask "${node.id}" stores its answer in "${data.variable}", which is not a variable of this flow.`,
            { nodeId: node.id, path: "data.variable", params: { node: node.id, variable: data.variable } },
          ),
        ],
  compile: ({ node, data, document, path, exit }) => {
    // An IVR sends digits as text: a numeric variable takes "20" as 20 and refuses "twenty".
    const type = document.variables[data.variable]?.type;
    const as = type === "number" || type === "integer" || type === "boolean" ? type : undefined;
    const store = flowContextAction.storeEventValue({ variable: data.variable, field: "value", ...(as ? { as } : {}) });
    const answers: TransitionJson[] = data.options?.length
      ? data.options.flatMap((option) =>
          exit(option.value, { guard: flowGuard.answerIs({ value: option.value }), actions: [store] }),
        )
      : exit(DEFAULT_OUTLET, { actions: [store], ...(as ? { guard: flowGuard.answerFits({ as }) } : {}) });
    const timers = data.timeout ? timerActions(path, { after: data.timeout }) : undefined;
    return {
      entry: [
        flowEffect.askQuestion({ node: node.id, ...(data.script ? { script: data.script } : {}) }),
        ...(timers?.entry ?? []),
      ],
      ...(timers ? { exit: timers.exit } : {}),
      on: {
        [ANSWER_EVENT]: answers,
        ...(data.timeout ? { [timerEvent(path)]: exit(TIMEOUT_OUTLET) } : {}),
      },
    };
  },
});
