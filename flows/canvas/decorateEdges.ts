import type { Diagnostic } from "../diagnostics";

/**
 * Edges as the canvas draws them: those a diagnostic names get the `edgeError` class, those on the
 * simulated path `onPath` (animated). With nothing to mark, the same array comes back, so React Flow
 * sees no change.
 */
export function decorateEdges<E extends { id: string }>(
  edges: E[],
  diagnostics: readonly Pick<Diagnostic, "edgeId">[],
  pathEdges: ReadonlySet<string>,
): E[] {
  const bad = new Set(diagnostics.flatMap((d) => (d.edgeId ? [d.edgeId] : [])));
  if (bad.size === 0 && pathEdges.size === 0) return edges;
  return edges.map((e) =>
    bad.has(e.id)
      ? { ...e, className: "edgeError" }
      : pathEdges.has(e.id)
        ? { ...e, className: "onPath", animated: true }
        : e,
  );
}

/** The problem decoration per node: its worst severity (an error outranks any warning). */
export function problemLayer(diagnostics: readonly Pick<Diagnostic, "nodeId" | "severity">[]): Map<string, string> {
  const layer = new Map<string, string>();
  for (const d of diagnostics) if (d.nodeId && layer.get(d.nodeId) !== "error") layer.set(d.nodeId, d.severity);
  return layer;
}

/** The edges a run took: for each step after the first, the edge from the step before to it. */
export function pathEdgeIds(
  edges: readonly { id: string; source: string; target: string }[],
  visited: readonly string[],
): Set<string> {
  const onPath = new Set<string>();
  for (let i = 1; i < visited.length; i++) {
    const edge = edges.find((e) => e.source === visited[i - 1] && e.target === visited[i]);
    if (edge) onPath.add(edge.id);
  }
  return onPath;
}
