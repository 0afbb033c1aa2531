import { numberLiteral, stringLiteral } from "../naming";
import type { Declare } from "../conversionTypes";
import type { ExpressionResult } from "./twilioLiquid";
import { twilioValueToExpression } from "./twilioLiquid";

export type TwilioCondition = { type?: string; value?: string; friendly_name?: string };

const text = (value: string, declare: Declare): ExpressionResult =>
  /\{\{/.test(value)
    ? twilioValueToExpression(value, declare)
    : { ok: true, expr: stringLiteral(value), numeric: false };

/** `"1"` matches both the text "1" and the number 1: an answer may be stored either way. */
function equals(left: string, value: string, declare: Declare): ExpressionResult {
  const right = text(value, declare);
  if (!right.ok) return right;
  const number = /\{\{/.test(value) ? undefined : numberLiteral(value);
  return {
    ok: true,
    expr:
      number !== undefined && number === value.trim()
        ? `(${left} == ${right.expr} or ${left} == ${number})`
        : `${left} == ${right.expr}`,
    numeric: false,
  };
}

function anyOf(left: string, value: string): string {
  const items = value
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
  const literals = items.flatMap((item) => {
    const number = numberLiteral(item);
    return number !== undefined && number === item ? [stringLiteral(item), number] : [stringLiteral(item)];
  });
  return `${left} in [${literals.join(", ")}]`;
}

/**
 * One condition of a split-based-on `match` transition → an expression over `left` (the split's input,
 * already an expression). `leftVariable` is the input's variable when it is a plain one, so a numeric
 * comparison can make it a number.
 */
export function twilioConditionExpression(
  condition: TwilioCondition,
  left: string,
  leftVariable: string | undefined,
  declare: Declare,
): ExpressionResult {
  const value = condition.value ?? "";
  const type = condition.type ?? "";
  const ok = (expr: string): ExpressionResult => ({ ok: true, expr, numeric: false });
  const withText = (build: (right: string) => string): ExpressionResult => {
    const right = text(value, declare);
    return right.ok ? ok(build(right.expr)) : right;
  };
  switch (type) {
    case "equal_to":
      return equals(left, value, declare);
    case "not_equal_to": {
      const eq = equals(left, value, declare);
      return eq.ok ? ok(`not ${wrap(eq.expr)}`) : eq;
    }
    case "matches_any_of":
      return ok(anyOf(left, value));
    case "does_not_match_any_of":
      return ok(`not (${anyOf(left, value)})`);
    case "is_blank":
      return ok(`(${left} == null or ${left} == "")`);
    case "is_not_blank":
      return ok(`not (${left} == null or ${left} == "")`);
    case "contains":
      return withText((right) => `contains(${left}, ${right})`);
    case "does_not_contain":
      return withText((right) => `not contains(${left}, ${right})`);
    case "starts_with":
      return withText((right) => `startsWith(${left}, ${right})`);
    case "does_not_start_with":
      return withText((right) => `not startsWith(${left}, ${right})`);
    case "less_than":
    case "greater_than": {
      const number = numberLiteral(value);
      if (number === undefined) return { ok: false, why: `"${type}" compares numbers, and "${value}" is not one` };
      if (leftVariable !== undefined) declare(leftVariable, "number");
      return ok(`${left} ${type === "less_than" ? "<" : ">"} ${number}`);
    }
    case "is_before_time":
    case "is_after_time":
    case "is_before_date":
    case "is_after_date":
      // ISO dates and 24-hour HH:MM times compare as text in the order of time.
      return withText((right) => `${left} ${type.startsWith("is_before") ? "<" : ">"} ${right}`);
    case "regex":
      return { ok: false, why: "regular expressions have no counterpart in expressions" };
    default:
      return { ok: false, why: `the condition "${type}" is unknown` };
  }
}

function wrap(expr: string): string {
  return expr.startsWith("(") ? expr : `(${expr})`;
}
