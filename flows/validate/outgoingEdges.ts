import type { FlowDocument } from "../schema/flowDocument";
import { DEFAULT_OUTLET } from "../nodes/nodeType";
import type { OutgoingEdge } from "../nodes/nodeType";
import { stateKey } from "../compile/machineJson";

/** The outlet an edge leaves from: its `sourceHandle`, or the default outlet when it names none. */
export function outletOf(sourceHandle: string | null | undefined): string {
  return sourceHandle === undefined || sourceHandle === null || sourceHandle === "" ? DEFAULT_OUTLET : sourceHandle;
}

/** Edges grouped by source node, in document order, with their targets as state keys. */
export function outgoingEdgesByNode(document: FlowDocument): Map<string, OutgoingEdge[]> {
  const byNode = new Map<string, OutgoingEdge[]>();
  for (const edge of document.edges) {
    const list = byNode.get(edge.source) ?? [];
    list.push({ edge, outlet: outletOf(edge.sourceHandle), target: stateKey(edge.target) });
    byNode.set(edge.source, list);
  }
  return byNode;
}
