import { z } from "zod";
import { expressionSchema } from "../schema/common";
import { errorAt } from "../diagnostics";
import { checkExpression } from "../expressions";
import { flowContextAction } from "../compile/flowEffect";
import { DEFAULT_OUTLET, defineNodeType } from "./nodeType";

export const setNode = defineNodeType({
  type: "set",
  label: "Set variables",
  description: "Assigns variables from expressions over the context (all read before any is written).",
  textKey: "node.set",
  behaviour: "passes",
  dataSchema: z.looseObject({
    assign: z
      .record(z.string(), expressionSchema)
      .refine((assign) => Object.keys(assign).length > 0, { message: "assigns nothing" }),
  }),
  defaultData: () => ({ assign: {} }),
  outlets: () => [DEFAULT_OUTLET],
  requiredOutlets: () => [DEFAULT_OUTLET],
  status: () => "passing",
  step: () => ({}),
  scripts: () => [],
  effects: [],
  check: ({ node, data, declaredVariables }) =>
    Object.entries(data.assign).flatMap(([variable, expression]) => [
      ...(declaredVariables.has(variable)
        ? []
        : [
            errorAt(
              "UNDECLARED_VARIABLE",
              variable.startsWith("customer.")
                ? `Set "${node.id}" assigns "${variable}", but the customer profile is read-only in a flow.`
                : `Set "${node.id}" assigns "${variable}", which is not a variable of this flow.`,
              {
                nodeId: node.id,
                path: `data.assign.${variable}`,
                params: {
                  ...(variable.startsWith("customer.") ? { in: "set-customer" } : {}),
                  node: node.id,
                  variable,
                },
              },
            ),
          ]),
      ...checkExpression(expression, declaredVariables).map((problem) =>
        errorAt("BAD_EXPRESSION", `Set "${node.id}", ${variable} = "${expression}" ${problem.message}.`, {
          nodeId: node.id,
          path: `data.assign.${variable}`,
          params: { in: "set", node: node.id, variable, expression, problem: problem.reason, ...problem.params },
        }),
      ),
    ]),
  compile: ({ data, exit }) => ({
    always: exit(DEFAULT_OUTLET, { actions: [flowContextAction.assignVariables({ assign: data.assign })] }),
  }),
});
