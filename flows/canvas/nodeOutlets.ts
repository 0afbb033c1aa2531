import type { FlowResolver } from "../schema/flowDocument";
import { DEFAULT_OUTLET } from "../nodes/nodeType";
import { nodeDefinition } from "../nodes/registry";

export type NodeOutlets =
  /** Edges chosen by event (stage): any number of edges from one handle. */
  { byEvent: true; outlets: [] } | { byEvent: false; outlets: string[] };

/**
 * The source handles a node offers on the canvas. A node whose data does not parse yet still gets
 * the outlets its data allows (a decision with one bad rule keeps its other handles).
 */
export function nodeOutlets(
  type: string | undefined,
  data: Record<string, unknown>,
  resolveFlow?: FlowResolver,
): NodeOutlets {
  const definition = type ? nodeDefinition(type) : undefined;
  if (!definition) return { byEvent: false, outlets: [] };
  if (definition.edgesByEvent) return { byEvent: true, outlets: [] };
  let outlets = definition.draftOutlets(data, { resolveFlow });
  if (outlets === undefined) outlets = definition.behaviour === "final" ? [] : [DEFAULT_OUTLET];
  return { byEvent: false, outlets: [...new Set(outlets.filter((o) => typeof o === "string" && o !== ""))] };
}

/** The outlet an edge leaves from: its `sourceHandle`, or the default outlet when it names none. */
export function edgeOutlet(edge: { sourceHandle?: string | null }): string {
  return edge.sourceHandle ? edge.sourceHandle : DEFAULT_OUTLET;
}

/** May an edge leave `source` from `handle`? Only from an outlet the node has (any, for stage nodes). */
export function isValidOutlet(
  type: string | undefined,
  data: Record<string, unknown>,
  handle: string | null | undefined,
  resolveFlow?: FlowResolver,
): boolean {
  const outlets = nodeOutlets(type, data, resolveFlow);
  if (outlets.byEvent) return !handle;
  return outlets.outlets.includes(handle ? handle : DEFAULT_OUTLET);
}
