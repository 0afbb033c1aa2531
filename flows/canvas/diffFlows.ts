import type { FlowDocument, FlowEdge, FlowNode } from "../schema/flowDocument";

export type DiffStatus = "added" | "removed" | "changed" | "moved" | "same";

export type FlowDiff = {
  nodes: Map<string, DiffStatus>;
  edges: Map<string, DiffStatus>;
  /** Top-level fields that differ (name, channels, variables, …). */
  fields: string[];
  counts: { added: number; removed: number; changed: number };
};

type Graph = Pick<FlowDocument, "nodes" | "edges"> & Partial<FlowDocument>;

/**
 * What changed from `before` to `after`, by node and edge id. A node whose type or data changed is
 * `changed`; one that only moved is `moved` (the canvas shows it as unchanged in substance).
 */
export function diffFlows(before: Graph, after: Graph): FlowDiff {
  const nodes = new Map<string, DiffStatus>();
  const edges = new Map<string, DiffStatus>();
  const beforeNodes = new Map(before.nodes.map((n) => [n.id, n]));
  const afterNodes = new Map(after.nodes.map((n) => [n.id, n]));
  for (const node of after.nodes) nodes.set(node.id, compareNode(beforeNodes.get(node.id), node));
  for (const node of before.nodes) if (!afterNodes.has(node.id)) nodes.set(node.id, "removed");
  const beforeEdges = new Map(before.edges.map((e) => [edgeKey(e), e]));
  const afterEdges = new Map(after.edges.map((e) => [edgeKey(e), e]));
  for (const [key, edge] of afterEdges) {
    const old = beforeEdges.get(key);
    edges.set(edge.id, !old ? "added" : stable(old.data ?? {}) === stable(edge.data ?? {}) ? "same" : "changed");
  }
  for (const [key, edge] of beforeEdges) if (!afterEdges.has(key)) edges.set(edge.id, "removed");
  const fields: string[] = [];
  for (const field of ["name", "description", "kind", "channels", "variables"] as const) {
    if (stable(before[field] ?? null) !== stable(after[field] ?? null)) fields.push(field);
  }
  const counts = { added: 0, removed: 0, changed: 0 };
  for (const status of [...nodes.values(), ...edges.values()])
    if (status === "added" || status === "removed" || status === "changed") counts[status]++;
  return { nodes, edges, fields, counts };
}

/** The union of both graphs for showing a diff: the newer graph plus the removed nodes and edges. */
export function diffGraph(before: Graph, after: Graph): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const afterNodeIds = new Set(after.nodes.map((n) => n.id));
  const afterEdgeKeys = new Set(after.edges.map(edgeKey));
  const afterEdgeIds = new Set(after.edges.map((e) => e.id));
  return {
    nodes: [...after.nodes, ...before.nodes.filter((n) => !afterNodeIds.has(n.id))],
    edges: [
      ...after.edges,
      ...before.edges
        .filter((e) => !afterEdgeKeys.has(edgeKey(e)))
        .map((e) => (afterEdgeIds.has(e.id) ? { ...e, id: `${e.id}~removed` } : e)),
    ],
  };
}

function compareNode(before: FlowNode | undefined, after: FlowNode): DiffStatus {
  if (!before) return "added";
  if (before.type !== after.type || stable(before.data) !== stable(after.data)) return "changed";
  return before.position.x !== after.position.x || before.position.y !== after.position.y ? "moved" : "same";
}

/** Edges are the same edge when they join the same outlet to the same node, whatever their ids. */
function edgeKey(edge: FlowEdge): string {
  return `${edge.source}\u0000${edge.sourceHandle ?? ""}\u0000${edge.target}\u0000${edge.data?.event ?? ""}`;
}

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
