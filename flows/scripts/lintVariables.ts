import { analyzeSync, type Template } from "liquidjs";
import { scanLiquid } from "./scanLiquid";
import type { ScriptDocument } from "./scriptDocument";

export type UnknownVariable = { path: string; line: number; defaulted: boolean };

/**
 * Variables a template reads from its context that neither the flow provides nor `customer.*` covers.
 * Locals (`assign`, `capture`, `for`) are not reported. `defaulted` is true when the script declares a
 * default or the output applies `| default:`, so the reader still sees something sensible.
 */
export function findUnknownVariables(
  templates: Template[],
  source: string,
  available: readonly string[],
  doc: ScriptDocument,
): UnknownVariable[] {
  const regions = scanLiquid(source).regions;
  const lineStarts = [0];
  for (let i = source.indexOf("\n"); i !== -1; i = source.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  const seen = new Map<string, UnknownVariable>();
  for (const occurrences of Object.values(analyzeSync(templates).globals)) {
    for (const v of occurrences) {
      const path = String(v);
      if (isProvided(path, available)) continue;
      const offset = (lineStarts[v.location.row - 1] ?? 0) + v.location.col - 1;
      const region = regions.find((r) => r.start <= offset && offset < r.end);
      const inline = region?.kind === "output" && /\|\s*default\s*:/.test(source.slice(region.start, region.end));
      const declared = Object.entries(doc.variables ?? {}).some(
        ([name, d]) => d.default !== undefined && covers(name, path),
      );
      const prior = seen.get(path);
      const defaulted = inline || declared;
      if (!prior) seen.set(path, { path, line: v.location.row, defaulted });
      else if (!defaulted) prior.defaulted = false;
    }
  }
  return [...seen.values()];
}

function isProvided(path: string, available: readonly string[]): boolean {
  if (path === "customer" || path.startsWith("customer.") || path.startsWith("customer[")) return true;
  return available.some((name) => covers(name, path) || name.startsWith(path + "."));
}

/** `order` covers `order.id`; `order.id` covers `order.id` and `order.id[0]`. */
function covers(name: string, path: string): boolean {
  return path === name || path.startsWith(name + ".") || path.startsWith(name + "[");
}
