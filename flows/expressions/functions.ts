import type { JsonValue } from "./jsonValue";

/** The only functions an expression may call: pure, total, and safe on any input. */
export const expressionFunctions: Record<string, (...args: JsonValue[]) => JsonValue> = {
  len: (value) => (typeof value === "string" || Array.isArray(value) ? value.length : null),
  lower: (value) => (typeof value === "string" ? value.toLowerCase() : null),
  upper: (value) => (typeof value === "string" ? value.toUpperCase() : null),
  abs: (value) => (typeof value === "number" ? Math.abs(value) : null),
  round: (value) => (typeof value === "number" ? Math.round(value) : null),
  floor: (value) => (typeof value === "number" ? Math.floor(value) : null),
  ceil: (value) => (typeof value === "number" ? Math.ceil(value) : null),
  min: (...values) => numbers(values, Math.min),
  max: (...values) => numbers(values, Math.max),
  contains: (haystack, needle) =>
    typeof haystack === "string" && typeof needle === "string"
      ? haystack.includes(needle)
      : Array.isArray(haystack)
        ? haystack.some((item) => item === needle)
        : false,
  startsWith: (text, prefix) =>
    typeof text === "string" && typeof prefix === "string" ? text.startsWith(prefix) : false,
};

function numbers(values: JsonValue[], pick: (...n: number[]) => number): JsonValue {
  const found: number[] = [];
  for (const value of values) {
    if (typeof value !== "number") return null;
    found.push(value);
  }
  return found.length === 0 ? null : pick(...found);
}

export const expressionFunctionNames = new Set(Object.keys(expressionFunctions));
