import type { Declare } from "../conversionTypes";
import { numberLiteral, stringLiteral, variableName } from "../naming";

/** The widget outputs that hold what the customer said or typed: all become the widget's own variable. */
const answerFields = new Set(["Digits", "SpeechResult", "Body"]);

/** The contact's own address (a phone number, a chat identity): the customer profile's `address`. */
const contactAddress = new Set([
  "contact.channel.address",
  "trigger.message.From",
  "trigger.call.From",
  "trigger.conversation.Author",
]);

/**
 * A Twilio Liquid variable path → ours (a flow variable or `customer.*`), declaring the variable it
 * needs. `widgets.ask.inbound.Body` and `widgets.gather.Digits` are the widget's answer (`ask`,
 * `gather`); `flow.variables.x` and `flow.data.x` are `x`; other widget outputs are `<widget>_<field>`;
 * `trigger.message.Body` is `trigger_Body`. Undefined for a root Twilio does not have.
 */
export function mapTwilioPath(path: string, declare: Declare): string | undefined {
  if (contactAddress.has(path)) return "customer.address";
  const segments = path.split(".");
  const [root, first, ...rest] = segments;
  if (root === undefined || first === undefined) return undefined;
  const finish = (name: string, tail: string[]) => {
    const variable = variableName(name);
    declare(variable, tail.length > 0 ? "object" : "string");
    return [variable, ...tail].join(".");
  };
  switch (root) {
    case "flow":
      if ((first === "variables" || first === "data") && rest[0] !== undefined) return finish(rest[0], rest.slice(1));
      return finish(`flow_${[first, ...rest].join("_")}`, []);
    case "widgets": {
      if (rest.length === 0) return finish(first, []);
      if (rest[0] === "inbound" && rest[1] === "Body" && rest.length === 2) return finish(first, []);
      if (rest.length === 1 && answerFields.has(rest[0] ?? "")) return finish(first, []);
      if (rest[0] === "parsed") return finish(`${first}_parsed`, rest.slice(1));
      return finish(`${first}_${rest.join("_")}`, []);
    }
    case "trigger":
      return finish(`trigger_${rest.length > 0 ? rest.join("_") : first}`, []);
    case "contact":
      return finish(`contact_${[first, ...rest].join("_")}`, []);
    default:
      return undefined;
  }
}

const outputPattern = /\{\{-?\s*([\s\S]*?)\s*-?\}\}/g;
const pathPattern = /\b(?:widgets|flow|trigger|contact)\.[A-Za-z0-9_]+(?:\.[A-Za-z0-9_-]+)*/g;

/** Rewrites the Twilio paths inside a Liquid template's `{{ }}` and `{% %}` to ours; the rest stays Liquid. */
export function mapTwilioTemplate(text: string, declare: Declare): { text: string; unmapped: string[] } {
  const unmapped: string[] = [];
  const rewrite = (inner: string) =>
    inner.replace(pathPattern, (path) => {
      const mapped = mapTwilioPath(path, declare);
      if (mapped === undefined) unmapped.push(path);
      return mapped ?? path;
    });
  const out = text.replace(
    /(\{\{-?|\{%-?)([\s\S]*?)(-?\}\}|-?%\})/g,
    (_all, open: string, inner: string, close: string) => `${open}${rewrite(inner)}${close}`,
  );
  return { text: out, unmapped };
}

export type ExpressionResult = { ok: true; expr: string; numeric: boolean } | { ok: false; why: string };

const arithmetic: { [filter: string]: string } = { plus: "+", minus: "-", times: "*", divided_by: "/" };

/**
 * A Liquid value (a set-variables value, a split's input) → an expression: plain text is a literal, `{{ path }}`
 * a path, `{{ path | plus: 1 }}` arithmetic, text around outputs a concatenation. Tags and other filters
 * have no counterpart.
 */
export function twilioValueToExpression(value: string, declare: Declare): ExpressionResult {
  if (/\{%/.test(value)) return { ok: false, why: `Liquid tags ("${value}") have no counterpart in expressions` };
  const parts: string[] = [];
  let numeric = false;
  let last = 0;
  for (const match of value.matchAll(outputPattern)) {
    const before = value.slice(last, match.index);
    if (before !== "") parts.push(stringLiteral(before));
    last = match.index + match[0].length;
    const output = outputExpression(match[1] ?? "", declare);
    if (!output.ok) return output;
    numeric ||= output.numeric;
    parts.push(output.expr);
  }
  const after = value.slice(last);
  if (parts.length === 0) {
    const number = numberLiteral(value);
    return number !== undefined && number === value.trim()
      ? { ok: true, expr: number, numeric: true }
      : { ok: true, expr: stringLiteral(value), numeric: false };
  }
  if (after !== "") parts.push(stringLiteral(after));
  return parts.length === 1
    ? { ok: true, expr: parts[0] ?? '""', numeric }
    : {
        ok: true,
        expr: parts.map((p) => (/^[\w.]+$|^"(?:[^"\\]|\\.)*"$/.test(p) ? p : `(${p})`)).join(" + "),
        numeric: false,
      };
}

function outputExpression(inner: string, declare: Declare): ExpressionResult {
  const [head = "", ...filters] = inner.split("|").map((part) => part.trim());
  const path = head.match(/^[A-Za-z_][\w.-]*$/) ? mapTwilioPath(head, declare) : undefined;
  if (path === undefined) return { ok: false, why: `"{{${inner}}}" is not a variable Twilio's flows have` };
  let expr = path;
  let numeric = false;
  for (const filter of filters) {
    const [name = "", arg = ""] = filter.split(":").map((part) => part.trim());
    const operator = arithmetic[name];
    const number = numberLiteral(arg);
    if (operator === undefined || number === undefined)
      return { ok: false, why: `the Liquid filter "${filter}" has no counterpart in expressions` };
    expr = `(${expr} ${operator} ${number})`;
    numeric = true;
    // Liquid counts from nothing as from 0 (`{{ x | plus: 1 }}` is 1 when x is unset).
    if (/^\w+$/.test(path)) declare(path, "number", 0);
  }
  return { ok: true, expr, numeric };
}
