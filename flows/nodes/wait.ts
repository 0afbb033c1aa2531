import { z } from "zod";
import { eventNameSchema, isoDurationSchema } from "../schema/common";
import { errorAt } from "../diagnostics";
import { timerEvent } from "../compile/machineJson";
import { DEFAULT_OUTLET, defineNodeType, timerActions } from "./nodeType";
import { TIMEOUT_OUTLET } from "./ask";

const waitDataSchema = z
  .looseObject({
    duration: isoDurationSchema.optional(),
    until: z.string().min(1).optional(),
    event: eventNameSchema.optional(),
    timeout: isoDurationSchema.optional(),
  })
  .refine((data) => [data.duration, data.until, data.event].filter((v) => v !== undefined).length === 1, {
    message: "needs exactly one of duration, until or event",
  })
  .refine((data) => data.timeout === undefined || data.event !== undefined, {
    message: "takes a timeout only when it waits for an event",
    path: ["timeout"],
  });

export const waitNode = defineNodeType({
  type: "wait",
  label: "Wait",
  description: "Waits for a duration, until a date in a variable, or for an event (with an optional timeout).",
  textKey: "node.wait",
  behaviour: "waits",
  dataSchema: waitDataSchema,
  defaultData: () => ({ duration: "P1D" }),
  outlets: (data) => [DEFAULT_OUTLET, ...(data.event && data.timeout ? [TIMEOUT_OUTLET] : [])],
  requiredOutlets: (data) => [DEFAULT_OUTLET, ...(data.event && data.timeout ? [TIMEOUT_OUTLET] : [])],
  status: (data) => (data.event ? "active" : "waiting"),
  step: () => ({}),
  scripts: () => [],
  effects: ["scheduleTimer", "cancelTimer"],
  check: ({ node, data, document, declaredVariables }) => {
    if (data.until === undefined) return [];
    const declared = declaredVariables.has(data.until);
    const type = document.variables[data.until]?.type;
    if (declared && (type === "date" || type === "datetime" || type === "string")) return [];
    return [
      errorAt(
        "BAD_WAIT_UNTIL",
        declared
          ? `Wait "${node.id}" waits until "${data.until}", which is a ${type} variable; it must be a date or datetime.`
          : `Wait "${node.id}" waits until "${data.until}", which is not a variable of this flow.`,
        {
          nodeId: node.id,
          path: "data.until",
          params: { ...(declared ? { in: "type", type: String(type) } : {}), node: node.id, variable: data.until },
        },
      ),
    ];
  },
  compile: ({ data, path, exit }) => {
    if (data.event !== undefined) {
      const timers = data.timeout ? timerActions(path, { after: data.timeout }) : undefined;
      return {
        ...(timers ? { entry: timers.entry, exit: timers.exit } : {}),
        on: {
          [data.event]: exit(DEFAULT_OUTLET),
          ...(timers ? { [timerEvent(path)]: exit(TIMEOUT_OUTLET) } : {}),
        },
      };
    }
    const timers = timerActions(path, data.duration !== undefined ? { after: data.duration } : { until: data.until });
    return { entry: timers.entry, exit: timers.exit, on: { [timerEvent(path)]: exit(DEFAULT_OUTLET) } };
  },
});
