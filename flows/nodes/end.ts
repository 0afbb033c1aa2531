import { z } from "zod";
import { flowContextAction } from "../compile/flowEffect";
import { defineNodeType } from "./nodeType";

export const outcomeSchema = z
  .string()
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/, "must be a word such as resolved, escalated or abandoned");

export const endNode = defineNodeType({
  type: "end",
  label: "End",
  description: "Ends the journey with an outcome: resolved, escalated, abandoned, failed or any word.",
  textKey: "node.end",
  behaviour: "final",
  dataSchema: z.looseObject({ outcome: outcomeSchema }),
  defaultData: () => ({ outcome: "resolved" }),
  outlets: () => [],
  requiredOutlets: () => [],
  status: () => "completed",
  step: (data) => ({ outcome: data.outcome }),
  scripts: () => [],
  effects: [],
  compile: ({ data, insideSubflow }) => ({
    type: "final",
    entry: [
      insideSubflow
        ? flowContextAction.setSubflowOutcome({ outcome: data.outcome })
        : flowContextAction.setOutcome({ outcome: data.outcome }),
    ],
  }),
});
