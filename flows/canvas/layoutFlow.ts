import ELK from "elkjs/lib/elk.bundled.js";
import type { ElkNode } from "elkjs/lib/elk-api";

export type LayoutNode = { id: string; width?: number; height?: number };
export type LayoutEdge = { id: string; source: string; target: string };
export type Positions = Map<string, { x: number; y: number }>;

const DEFAULT_SIZE = { width: 220, height: 96 };
let elk: InstanceType<typeof ELK> | undefined;

/**
 * Lays a flow out top to bottom with ELK's layered algorithm (Sugiyama): start at the top, ends at
 * the bottom, few crossings. Pure JavaScript: runs in the browser and in tests alike.
 */
export async function layoutFlow(
  nodes: readonly LayoutNode[],
  edges: readonly LayoutEdge[],
  options: { direction?: "DOWN" | "RIGHT" } = {},
): Promise<Positions> {
  elk ??= new ELK();
  const ids = new Set(nodes.map((n) => n.id));
  const graph: ElkNode = {
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": options.direction ?? "DOWN",
      "elk.layered.spacing.nodeNodeBetweenLayers": "70",
      "elk.spacing.nodeNode": "50",
      "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
      "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
      "elk.separateConnectedComponents": "true",
    },
    children: nodes.map((n) => ({
      id: n.id,
      width: n.width ?? DEFAULT_SIZE.width,
      height: n.height ?? DEFAULT_SIZE.height,
    })),
    edges: edges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };
  const result = await elk.layout(graph);
  const positions: Positions = new Map();
  for (const child of result.children ?? [])
    positions.set(child.id, { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) });
  return positions;
}
