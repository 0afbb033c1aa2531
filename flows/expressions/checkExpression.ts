import type { ExpressionNode } from "./parseExpression";
import { parseExpression } from "./parseExpression";
import { expressionFunctionNames } from "./functions";

/**
 * One problem of an expression: `message` in English, `reason` and `params` for texts in other languages
 * (syntax: `at`, `kind`, `token`; unknown-variable, forbidden-name, unknown-function: `name`; unsupported: `what`).
 */
export type ExpressionProblem = {
  message: string;
  reason: "syntax" | "unknown-variable" | "forbidden-name" | "unknown-function" | "unsupported";
  params: Record<string, string>;
};

const allowedNodeTypes = new Set([
  "Literal",
  "Identifier",
  "MemberExpression",
  "ArrayExpression",
  "UnaryExpression",
  "BinaryExpression",
  "ConditionalExpression",
  "CallExpression",
]);

/**
 * Checks an expression against the variables a flow declares: syntax, unknown names, calls to
 * functions that do not exist. `customer.*` (the profile) is always allowed.
 */
export function checkExpression(text: string, declared: ReadonlySet<string>): ExpressionProblem[] {
  const parsed = parseExpression(text);
  if (!parsed.ok) {
    return [
      {
        message: `has a syntax error at character ${parsed.index + 1}: ${parsed.message}`,
        reason: "syntax",
        params: {
          at: String(parsed.index + 1),
          kind: parsed.kind,
          ...(parsed.token !== undefined ? { token: parsed.token } : {}),
        },
      },
    ];
  }
  const problems: ExpressionProblem[] = [];
  const seen = new Set<string>();
  const report: Report = (message, reason, params) => {
    if (!seen.has(message)) {
      seen.add(message);
      problems.push({ message, reason, params });
    }
  };
  walk(parsed.ast, declared, report);
  return problems;
}

/** The top-level names an expression reads (not `customer`), for dependency views. */
export function referencedVariables(text: string): string[] {
  const parsed = parseExpression(text);
  if (!parsed.ok) return [];
  const names = new Set<string>();
  walk(parsed.ast, undefined, () => {}, names);
  return [...names];
}

type Report = (message: string, reason: ExpressionProblem["reason"], params: Record<string, string>) => void;

function walk(
  node: ExpressionNode,
  declared: ReadonlySet<string> | undefined,
  report: Report,
  names?: Set<string>,
): void {
  if (!allowedNodeTypes.has(node.type)) {
    report(`uses ${describe(node.type)}, which expressions do not support`, "unsupported", { what: node.type });
    return;
  }
  switch (node.type) {
    case "Identifier": {
      const name = String(node.name);
      names?.add(name);
      if (name !== "customer" && declared && !declared.has(name)) {
        report(
          `reads "${name}", which is not a variable of this flow (declare it under "variables", or use customer.${name} for the profile)`,
          "unknown-variable",
          { name },
        );
      }
      return;
    }
    case "MemberExpression": {
      walk(node.object as ExpressionNode, declared, report, names);
      const property = node.property as ExpressionNode;
      if (node.computed) walk(property, declared, report, names);
      else if (
        property.type === "Identifier" &&
        ["__proto__", "constructor", "prototype"].includes(String(property.name))
      ) {
        report(`reads "${String(property.name)}", which is not allowed`, "forbidden-name", {
          name: String(property.name),
        });
      }
      return;
    }
    case "CallExpression": {
      const callee = node.callee as ExpressionNode;
      if (callee.type !== "Identifier" || !expressionFunctionNames.has(String(callee.name))) {
        const name = callee.type === "Identifier" ? String(callee.name) : "a computed function";
        const available = [...expressionFunctionNames].join(", ");
        report(`calls ${name}, which is not an expression function (available: ${available})`, "unknown-function", {
          name,
          available,
        });
      }
      for (const argument of children(node.arguments)) walk(argument, declared, report, names);
      return;
    }
    case "ArrayExpression":
      for (const element of children(node.elements)) walk(element, declared, report, names);
      return;
    case "UnaryExpression":
      walk(node.argument as ExpressionNode, declared, report, names);
      return;
    case "BinaryExpression":
      walk(node.left as ExpressionNode, declared, report, names);
      walk(node.right as ExpressionNode, declared, report, names);
      return;
    case "ConditionalExpression":
      walk(node.test as ExpressionNode, declared, report, names);
      walk(node.consequent as ExpressionNode, declared, report, names);
      walk(node.alternate as ExpressionNode, declared, report, names);
      return;
    default:
      return;
  }
}

function children(value: unknown): ExpressionNode[] {
  return Array.isArray(value)
    ? value.filter((item): item is ExpressionNode => item !== null && typeof item === "object")
    : [];
}

function describe(type: string): string {
  switch (type) {
    case "Compound":
      return "several expressions separated by ',' or ';'";
    case "ThisExpression":
      return "'this'";
    default:
      return type;
  }
}
