import type { FlowDocument } from "../schema/flowDocument";

/**
 * Drops the nodes the start cannot reach (the validator refuses them): states left alone on the source
 * canvas, or reached only through a transition that could not be converted. Returns what was dropped.
 */
export function pruneUnreachable(flow: FlowDocument, start: string): Array<{ node: string; why: string }> {
  const next = new Map<string, string[]>();
  for (const edge of flow.edges) next.set(edge.source, [...(next.get(edge.source) ?? []), edge.target]);
  const reached = new Set<string>([start]);
  const queue = [start];
  for (let at = queue.pop(); at !== undefined; at = queue.pop()) {
    for (const target of next.get(at) ?? []) {
      if (!reached.has(target)) {
        reached.add(target);
        queue.push(target);
      }
    }
  }
  const dropped = flow.nodes.filter((n) => !reached.has(n.id));
  if (dropped.length === 0) return [];
  flow.nodes = flow.nodes.filter((n) => reached.has(n.id));
  flow.edges = flow.edges.filter((e) => reached.has(e.source) && reached.has(e.target));
  return dropped.map((n) => ({
    node: n.id,
    why: "cannot be reached from the start (in the source, or once the transitions above were converted), so it is left out",
  }));
}
