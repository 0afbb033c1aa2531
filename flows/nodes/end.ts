import { z } from "zod";
import { defineNodeType } from "./nodeType";

export const outcomeSchema = z
  .string()
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/, "must be a word such as resolved, escalated or abandoned");

export const endNode = defineNodeType({
  type: "end",
  label: "End",
  description: "Ends the journey with an outcome: resolved, escalated, abandoned, failed or any word.",
  behaviour: "final",
  dataSchema: z.looseObject({ outcome: outcomeSchema }),
  outlets: () => [],
  status: () => "completed",
  compile: ({ data, insideSubflow }) => ({
    type: "final",
    entry: [{ type: insideSubflow ? "setSubflowOutcome" : "setOutcome", params: { outcome: data.outcome } }],
  }),
});
