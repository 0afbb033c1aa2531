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
