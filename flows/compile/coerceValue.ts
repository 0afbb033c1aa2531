import type { JsonValue } from "../expressions";

export type ValueType = "number" | "integer" | "boolean";

/** Reads an answer as the variable's type ("20" → 20, "yes"/"true" → true); undefined when it is not one. */
export function coerceValue(value: JsonValue | undefined, as: ValueType): JsonValue | undefined {
  if (as === "boolean") {
    if (typeof value === "boolean") return value;
    if (typeof value === "string" && /^(true|yes|y|1)$/i.test(value.trim())) return true;
    if (typeof value === "string" && /^(false|no|n|0)$/i.test(value.trim())) return false;
    return undefined;
  }
  const number =
    typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value.trim()) : NaN;
  if (!Number.isFinite(number)) return undefined;
  return as === "integer" && !Number.isInteger(number) ? undefined : number;
}
