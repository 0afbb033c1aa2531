import { numberLiteral, stringLiteral, variableName } from "../naming";
import type { Declare } from "../conversionTypes";

const pathPattern = /\$\.[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_-]+)*/g;

/**
 * A Connect JSONPath (`$.Attributes.name`, `$.External.score`, `$.Lex.IntentName`, `$.StoredCustomerInput`,
 * `$.CustomerEndpoint.Address`) → ours: contact attributes are flow variables of their own name, a
 * Lambda's `$.External` is the object variable `External`, `$.Lex.X` is `Lex_X`, the customer's endpoint
 * is `customer.address`, anything else `<First>_<rest>`.
 */
export function mapConnectPath(path: string, declare: Declare): string {
  const [, first = "", ...rest] = path.split(".");
  const plain = (name: string) => {
    const variable = variableName(name);
    declare(variable, "string");
    return variable;
  };
  if (first === "CustomerEndpoint" && rest[0] === "Address") return "customer.address";
  if (first === "Attributes" && rest[0] !== undefined) {
    if (rest.length === 1) return plain(rest[0]);
    const variable = variableName(rest[0]);
    declare(variable, "object");
    return [variable, ...rest.slice(1)].join(".");
  }
  if ((first === "External" || first === "LambdaInvocation") && rest.length > 0) {
    declare("External", "object");
    return ["External", ...rest].join(".");
  }
  if (rest.length === 0) return plain(first);
  return plain(`${first}_${rest.join("_")}`);
}

/** A Connect value (literal text or a `$.` path) → an expression. */
export function connectValueExpression(value: string, declare: Declare): string {
  const trimmed = value.trim();
  if (/^\$\.[A-Za-z_][\w.-]*$/.test(trimmed)) return mapConnectPath(trimmed, declare);
  return stringLiteral(value);
}

/** `$.Attributes.name` inside a prompt's text → `{{ name }}`. */
export function connectTextToLiquid(text: string, declare: Declare): string {
  return text.replace(pathPattern, (path) => `{{ ${mapConnectPath(path, declare)} }}`);
}

/** Connect's SSML → our voice markup: `<break time="300ms"/>` → `[pause 300ms]`, other tags dropped. */
export function ssmlToScriptText(ssml: string): string {
  return ssml
    .replace(
      /<break\s+[^>]*time="(\d+)(ms|s)"[^>]*\/?>/gi,
      (_all, n: string, unit: string) => `[pause ${unit.toLowerCase() === "s" ? Number(n) * 1000 : Number(n)}ms]`,
    )
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&")
    .trim();
}

export type ConnectConditionResult = { ok: true; expr: string } | { ok: false; why: string };

/** One Connect condition (`Equals`, `NumberGreaterThan`, `TextContains`, …) over `left`. */
export function connectConditionExpression(
  operator: string,
  operand: string,
  left: string,
  leftVariable: string | undefined,
  declare: Declare,
): ConnectConditionResult {
  const right = connectValueExpression(operand, declare);
  const number = numberLiteral(operand);
  const numeric = number !== undefined && number === operand.trim();
  const compare = (symbol: string): ConnectConditionResult => {
    if (!numeric) return { ok: false, why: `${operator} compares numbers, and "${operand}" is not one` };
    if (leftVariable !== undefined) declare(leftVariable, "number");
    return { ok: true, expr: `${left} ${symbol} ${number}` };
  };
  switch (operator) {
    case "Equals":
      return { ok: true, expr: numeric ? `(${left} == ${right} or ${left} == ${number})` : `${left} == ${right}` };
    case "NumberGreaterThan":
      return compare(">");
    case "NumberGreaterOrEqualTo":
      return compare(">=");
    case "NumberLessThan":
      return compare("<");
    case "NumberLessOrEqualTo":
      return compare("<=");
    case "TextContains":
      return { ok: true, expr: `contains(${left}, ${right})` };
    case "TextStartsWith":
      return { ok: true, expr: `startsWith(${left}, ${right})` };
    default:
      return { ok: false, why: `the comparison ${operator} has no counterpart in expressions` };
  }
}
