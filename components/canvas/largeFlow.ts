import { Position } from "@xyflow/react";
import type { NodeHandle } from "@xyflow/react";
import { DEFAULT_OUTLET } from "../../flows/nodes/nodeType";

/**
 * From this many nodes on, the canvas trades a little immediacy for frame rate: no per-frame dot grid
 * or minimap, and the inspector follows the selection once the pointer settles (bench/canvas.ts).
 */
export const LARGE_FLOW = 800;

/**
 * From this many nodes on, the canvas draws only what is in view (React Flow's
 * onlyRenderVisibleElements) and opens at the start node at a readable zoom instead of fitting the
 * whole flow, which would put every node in view and leave nothing to cull (bench/canvas.ts).
 */
export const HUGE_FLOW = 3000;

/** The viewport a huge flow opens at: its start node (else its first) near the top left, at half size. */
export function openingViewport(nodes: readonly { type?: string; position: { x: number; y: number } }[]): {
  x: number;
  y: number;
  zoom: number;
} {
  const start = nodes.find((n) => n.type === "start") ?? nodes[0];
  const zoom = 0.5;
  return start ? { x: 80 - start.position.x * zoom, y: 80 - start.position.y * zoom, zoom } : { x: 0, y: 0, zoom };
}

/** A node's box and handles before it is measured: what React Flow needs to leave it out of view. */
export type EstimatedBox = {
  initialWidth: number;
  initialHeight: number;
  handles: NodeHandle[];
};

/** The handle's side (FlowNodeShell, canvas.module.css: 12 px, centred on the node's edge). */
const HANDLE = 12;

/**
 * Where a node's box and handles will be before it is drawn. React Flow draws every node it has not
 * measured, even with onlyRenderVisibleElements (it needs their handles), so a huge flow's first render
 * would build, measure and throw away every node; a node given its handles and a size is left out
 * until it comes into view, and measured then (the store drops the estimate once React Flow reports
 * the real size). The outlets are those its edges leave from (`outlets`, in the order the edges come:
 * reading them from the node's data would parse every node's data at load); the handles sit where
 * FlowNodeShell puts them (the target at the top centre, the outlets spread along the bottom) on a
 * node of the usual size (canvas.module.css: 180 px wide, 240 with more outlets). Only edges to nodes
 * not yet in view end at an estimate. The size React Flow culls by is generous (the widest node, two
 * lines of chips), so a node at the pane's border is drawn rather than left out.
 */
export function estimatedBox(node: { type?: string }, outlets: readonly string[]): EstimatedBox {
  const wide = outlets.length > 2;
  const width = wide ? 240 : 180;
  const height = wide ? 130 : 86;
  const handles: NodeHandle[] = [];
  if (node.type !== "start")
    handles.push({
      type: "target",
      position: Position.Top,
      x: width / 2 - HANDLE / 2,
      y: -HANDLE / 2,
      width: HANDLE,
      height: HANDLE,
    });
  outlets.forEach((outlet, index) =>
    handles.push({
      type: "source",
      position: Position.Bottom,
      id: outlet === DEFAULT_OUTLET ? null : outlet,
      x: (width * (index + 1)) / (outlets.length + 1) - HANDLE / 2,
      y: height - HANDLE / 2,
      width: HANDLE,
      height: HANDLE,
    }),
  );
  return { initialWidth: 240, initialHeight: wide ? 150 : 110, handles };
}

/**
 * A huge flow's nodes, each with its estimated box; smaller flows' as they are (React Flow draws them
 * all anyway). One pass over the edges and one over the nodes.
 */
export function withEstimatedBoxes<T extends { id: string; type?: string }>(
  nodes: T[],
  edges: readonly { source: string; sourceHandle?: string | null }[],
): T[] {
  if (nodes.length < HUGE_FLOW) return nodes;
  const outlets = new Map<string, Set<string>>();
  for (const edge of edges) {
    let set = outlets.get(edge.source);
    if (!set) outlets.set(edge.source, (set = new Set()));
    set.add(edge.sourceHandle ? edge.sourceHandle : DEFAULT_OUTLET);
  }
  return nodes.map((node) => ({ ...node, ...estimatedBox(node, [...(outlets.get(node.id) ?? [])]) }));
}

/** Whether a node still carries its estimated box. */
export function hasEstimate(node: object): boolean {
  return "handles" in node;
}

/**
 * The node without its estimate, once React Flow has measured it: kept, the estimated handles would
 * replace the measured ones whenever the node changes (React Flow reads `handles` before its own).
 */
export function withoutEstimate<T extends object>(node: T): T {
  const { handles: _h, initialWidth: _w, initialHeight: _hh, ...rest } = node as T & Partial<EstimatedBox>;
  return rest as T;
}
