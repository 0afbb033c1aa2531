import type { FlowDocument, FlowEdge, FlowNode } from "../schema/flowDocument";
import { FLOW_SCHEMA } from "../schema/flowDocument";

/** A node as the canvas holds it: the document's node plus whatever React Flow adds (selection, size). */
export type CanvasNodeLike = {
  id: string;
  type?: string;
  position: { x: number; y: number };
  data: Record<string, unknown>;
} & Record<string, unknown>;
export type CanvasEdgeLike = {
  id: string;
  source: string;
  target: string;
  sourceHandle?: string | null;
  targetHandle?: string | null;
  data?: Record<string, unknown>;
} & Record<string, unknown>;

/** Everything of a flow document but its graph. */
export type FlowMeta = Omit<FlowDocument, "nodes" | "edges">;

export function splitDocument(document: FlowDocument): { meta: FlowMeta; nodes: FlowNode[]; edges: FlowEdge[] } {
  const { nodes, edges, ...meta } = document;
  return { meta, nodes, edges };
}

/** The canvas label of an edge: the event it is taken on (stage edges), else its own label. */
export function edgeLabel(edge: Pick<FlowEdge, "data">): string | undefined {
  const event = edge.data?.event;
  const label = edge.data?.label;
  if (typeof event === "string" && event !== "")
    return typeof label === "string" && label !== "" ? `${event} · ${label}` : event;
  return typeof label === "string" && label !== "" ? label : undefined;
}

/** Flow document → React Flow nodes and edges (the shapes are React Flow's already; edges gain labels). */
export function toReactFlow(document: Pick<FlowDocument, "nodes" | "edges">): {
  nodes: CanvasNodeLike[];
  edges: CanvasEdgeLike[];
} {
  return {
    nodes: document.nodes.map((node) => ({
      id: node.id,
      type: node.type,
      position: { x: node.position.x, y: node.position.y },
      data: node.data,
    })),
    edges: document.edges.map((edge) => {
      const label = edgeLabel(edge);
      return {
        id: edge.id,
        source: edge.source,
        target: edge.target,
        ...(edge.sourceHandle ? { sourceHandle: edge.sourceHandle } : {}),
        ...(edge.targetHandle ? { targetHandle: edge.targetHandle } : {}),
        ...(edge.data ? { data: edge.data } : {}),
        ...(label ? { label } : {}),
      };
    }),
  };
}

/**
 * React Flow nodes and edges → flow document: keeps only what the document holds, so selection,
 * measured sizes and labels never reach the saved draft.
 */
export function fromReactFlow(
  meta: FlowMeta,
  nodes: readonly CanvasNodeLike[],
  edges: readonly CanvasEdgeLike[],
): FlowDocument {
  return {
    ...meta,
    schema: FLOW_SCHEMA,
    nodes: nodes.map((node) => ({
      id: node.id,
      type: node.type ?? "",
      position: { x: round(node.position.x), y: round(node.position.y) },
      data: node.data,
    })),
    edges: edges.map((edge) => {
      const data = edge.data && Object.keys(edge.data).length > 0 ? cleanEdgeData(edge.data) : undefined;
      return {
        id: edge.id,
        source: edge.source,
        target: edge.target,
        ...(edge.sourceHandle ? { sourceHandle: edge.sourceHandle } : {}),
        ...(edge.targetHandle ? { targetHandle: edge.targetHandle } : {}),
        ...(data ? { data } : {}),
      };
    }),
  };
}

function cleanEdgeData(data: Record<string, unknown>): Record<string, unknown> | undefined {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) if (value !== undefined && value !== "") result[key] = value;
  return Object.keys(result).length > 0 ? result : undefined;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
