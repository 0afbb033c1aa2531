/**
 * From this many nodes on, the canvas trades a little immediacy for frame rate: no per-frame dot grid
 * or minimap, and the inspector follows the selection once the pointer settles (bench/canvas.ts).
 */
export const LARGE_FLOW = 800;
