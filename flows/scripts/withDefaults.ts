import type { ScriptDocument } from "./scriptDocument";

type Default = { path: string[]; value: string | number | boolean };
const defaultsOf = new WeakMap<ScriptDocument, Default[]>();

/**
 * The render scope: the context, with the script's `variables.*.default` filled in where the context
 * has no value (missing, null or empty). The context itself is never mutated; only the objects on the
 * path to a filled-in value are copied.
 */
export function withDefaults(doc: ScriptDocument, context: Record<string, unknown>): Record<string, unknown> {
  let defaults = defaultsOf.get(doc);
  if (!defaults) {
    defaults = Object.entries(doc.variables ?? {}).flatMap(([name, v]) =>
      v.default === undefined ? [] : [{ path: name.split("."), value: v.default }],
    );
    defaultsOf.set(doc, defaults);
  }
  let scope = context;
  for (const d of defaults) if (isMissing(read(scope, d.path))) scope = write(scope, d.path, d.value);
  return scope;
}

function isMissing(v: unknown): boolean {
  return v === undefined || v === null || v === "";
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function read(obj: unknown, path: readonly string[]): unknown {
  let cur = obj;
  for (const key of path) {
    if (!isRecord(cur) || !Object.hasOwn(cur, key)) return undefined;
    cur = cur[key];
  }
  return cur;
}

function write(obj: Record<string, unknown>, path: readonly string[], value: unknown): Record<string, unknown> {
  const [head, ...rest] = path;
  if (head === undefined) return obj;
  const child = Object.hasOwn(obj, head) ? obj[head] : undefined;
  return { ...obj, [head]: rest.length === 0 ? value : write(isRecord(child) ? child : {}, rest, value) };
}
