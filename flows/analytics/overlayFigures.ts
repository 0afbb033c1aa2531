// How the overlay draws a flow's figures: the heat of a node, the outlet an edge stands for, its width.

/** The outlet an edge leaves its source by: its handle, else the event a stage edge waits for. */
export function edgeOutlet(edge: { sourceHandle?: string | null; data?: Record<string, unknown> }): string {
  if (edge.sourceHandle) return edge.sourceHandle;
  const event = edge.data?.event;
  return typeof event === "string" && event !== "" ? event : "out";
}

/** An orange that deepens with the share (0–1) of the interactions that entered the node. */
export function heatColour(share: number): string {
  const s = Math.max(0, Math.min(1, share));
  return `rgba(234, 88, 12, ${(0.08 + 0.72 * s).toFixed(2)})`;
}

/** Stroke width of an edge taken `count` times when the busiest edge was taken `max` times. */
export function edgeWidth(count: number, max: number): number {
  return max <= 0 ? 1 : 1 + Math.round((9 * count) / max);
}
