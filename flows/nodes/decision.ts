import { z } from "zod";
import { expressionSchema } from "../schema/common";
import { errorAt } from "../diagnostics";
import { checkExpression } from "../expressions";
import type { TransitionJson } from "../compile/machineJson";
import { flowGuard } from "../compile/flowEffect";
import { defineNodeType } from "./nodeType";

export const ELSE_OUTLET = "else";

const handleSchema = z
  .string()
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/, "must be letters, digits, '.', '_' or '-'")
  .refine((handle) => handle !== ELSE_OUTLET, { message: `"else" is taken by the fallback outlet` });

export const decisionNode = defineNodeType({
  type: "decision",
  label: "Decision",
  description: "Chooses a path by rules over the context; the first rule that holds wins, else the else outlet.",
  textKey: "node.decision",
  behaviour: "passes",
  dataSchema: z.looseObject({
    rules: z.array(z.object({ when: expressionSchema, handle: handleSchema })),
  }),
  defaultData: () => ({ rules: [] }),
  outlets: (data) => [...new Set(data.rules.map((rule) => rule.handle)), ELSE_OUTLET],
  requiredOutlets: (data) => [...new Set(data.rules.map((rule) => rule.handle)), ELSE_OUTLET],
  status: () => "passing",
  step: () => ({}),
  scripts: () => [],
  effects: [],
  check: ({ node, data, declaredVariables }) =>
    data.rules.flatMap((rule, index) =>
      checkExpression(rule.when, declaredVariables).map((problem) =>
        errorAt(
          "BAD_EXPRESSION",
          `Decision "${node.id}", rule ${index + 1} (${rule.handle}): "${rule.when}" ${problem.message}.`,
          {
            nodeId: node.id,
            path: `data.rules.${index}.when`,
            params: {
              in: "decision",
              node: node.id,
              rule: String(index + 1),
              handle: rule.handle,
              expression: rule.when,
              problem: problem.reason,
              ...problem.params,
            },
          },
        ),
      ),
    ),
  compile: ({ data, exit }) => {
    const always: TransitionJson[] = [];
    for (const rule of data.rules)
      always.push(...exit(rule.handle, { guard: flowGuard.expression({ expr: rule.when }) }));
    always.push(...exit(ELSE_OUTLET));
    return { always };
  },
});
