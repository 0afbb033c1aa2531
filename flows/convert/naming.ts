import { reservedVariableNames } from "../schema/flowDocument";

/** A flow key or script key: lower-case letters, digits and dashes, starting with a letter or digit. */
export function slug(text: string, fallback: string): string {
  const cleaned = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return cleaned === "" ? fallback : cleaned;
}

/** A flow variable name (`^[A-Za-z_][A-Za-z0-9_]*$`, not a reserved word) made from any text. */
export function variableName(text: string): string {
  let name = text.replace(/[^A-Za-z0-9_]/g, "_");
  if (name === "" || /^[0-9]/.test(name)) name = `_${name}`;
  return reservedVariableNames.has(name) ? `${name}_` : name;
}

/** An event name or outlet handle (`letters, digits, '.', '_', '-'`) made from any text. */
export function eventPart(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9_.-]+/g, "_").replace(/^[.-]+/, "");
  return cleaned === "" ? "_" : cleaned;
}

/** The first unused name of `base`, `base-2`, `base-3`, … */
export function uniqueName(base: string, taken: ReadonlySet<string>, separator = "-"): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}${separator}${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** A JSON string literal, which the expression language reads as a string. */
export function stringLiteral(value: string): string {
  return JSON.stringify(value);
}

/** `"3"` → `3`, for comparing numbers; undefined when the text is not a plain number. */
export function numberLiteral(value: string): string | undefined {
  const trimmed = value.trim();
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? String(Number(trimmed)) : undefined;
}

/** Seconds as an ISO 8601 duration (`30` → `PT30S`); undefined when it is not a positive number. */
export function secondsDuration(value: unknown): string | undefined {
  const seconds = typeof value === "number" ? value : typeof value === "string" ? Number(value.trim()) : NaN;
  if (!Number.isFinite(seconds) || seconds <= 0) return undefined;
  return `PT${Math.round(seconds)}S`;
}
