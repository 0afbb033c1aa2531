// What the simulator starts a flow with: the flow's declared variables and a customer, as a form
// edits them (one text per field) and as the "advanced" JSON shows them. Pure: no React.
import type { JsonValue } from "../expressions";
import type { VariableDeclaration } from "../schema/flowDocument";

export type JsonObject = { [key: string]: JsonValue };
export type SimulationInput = { vars: JsonObject; customer: JsonObject };
export type VariableType = VariableDeclaration["type"];

/** The declared defaults: the values a run starts with when the form is left alone. */
export function defaultVars(variables: Readonly<Record<string, VariableDeclaration>>): JsonObject {
  const vars: JsonObject = {};
  for (const [name, declaration] of Object.entries(variables))
    if (declaration.default !== undefined) vars[name] = declaration.default as JsonValue;
  return vars;
}

/** The advanced view's text. */
export function simulationInputText(input: SimulationInput): string {
  return JSON.stringify(input, null, 2);
}

export type ParsedSimulationInput =
  | { ok: true; input: SimulationInput }
  | { ok: false; problem: "not-json" | "not-object" | "unknown-key"; key?: string };

/**
 * Reads the advanced view's text: `{ "vars": {…}, "customer": {…} }`, either part optional. An object
 * of plain variables (the older form of this field) is read as `vars`.
 */
export function parseSimulationInputText(text: string): ParsedSimulationInput {
  let value: unknown;
  try {
    value = JSON.parse(text.trim() === "" ? "{}" : text);
  } catch {
    return { ok: false, problem: "not-json" };
  }
  if (!isObject(value)) return { ok: false, problem: "not-object" };
  const keys = Object.keys(value);
  if (!keys.includes("vars") && !keys.includes("customer")) return { ok: true, input: { vars: value, customer: {} } };
  const unknown = keys.find((key) => key !== "vars" && key !== "customer");
  if (unknown !== undefined) return { ok: false, problem: "unknown-key", key: unknown };
  const vars = value.vars ?? {};
  const customer = value.customer ?? {};
  if (!isObject(vars)) return { ok: false, problem: "not-object", key: "vars" };
  if (!isObject(customer)) return { ok: false, problem: "not-object", key: "customer" };
  return { ok: true, input: { vars, customer } };
}

/** A value as its form field shows it. */
export function fieldText(type: VariableType, value: JsonValue | undefined): string {
  if (value === undefined || value === null) return "";
  if (type === "object" || type === "array") return JSON.stringify(value);
  if (type === "datetime" && typeof value === "string") {
    const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(value);
    return match ? `${match[1]} ${match[2]}` : value;
  }
  return String(value);
}

export type FieldValue = { ok: true; value: JsonValue | undefined } | { ok: false };

/** A form field's text as the variable's type: `undefined` for an empty field (the variable is left out). */
export function fieldValue(type: VariableType, text: string): FieldValue {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, value: undefined };
  switch (type) {
    case "string":
      return { ok: true, value: text };
    case "number":
    case "integer": {
      const n = Number(trimmed);
      return Number.isFinite(n) && (type === "number" || Number.isInteger(n)) ? { ok: true, value: n } : { ok: false };
    }
    case "boolean":
      return trimmed === "true" || trimmed === "false" ? { ok: true, value: trimmed === "true" } : { ok: false };
    case "date":
      return isCalendarDate(trimmed) ? { ok: true, value: trimmed } : { ok: false };
    case "datetime": {
      const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?Z?$/.exec(trimmed);
      return match && isCalendarDate(match[1]!)
        ? { ok: true, value: `${match[1]}T${match[2]}${match[3] ?? ":00"}Z` }
        : { ok: false };
    }
    case "object":
    case "array": {
      try {
        const parsed: unknown = JSON.parse(trimmed);
        const fits = type === "array" ? Array.isArray(parsed) : isObject(parsed);
        return fits ? { ok: true, value: parsed as JsonValue } : { ok: false };
      } catch {
        return { ok: false };
      }
    }
  }
}

/** `input` with one variable (or customer field) set; `undefined` removes it. */
export function withField(
  input: SimulationInput,
  part: "vars" | "customer",
  name: string,
  value: JsonValue | undefined,
): SimulationInput {
  const next = { ...input[part] };
  if (value === undefined) delete next[name];
  else next[name] = value;
  return { ...input, [part]: next };
}

/** YYYY-MM-DD naming a day that exists. */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
