"use client";

import { useCallback } from "react";
import { useReactFlow } from "@xyflow/react";
import type { CanvasEdge, CanvasNode, EditorStore } from "./editorStore";

/**
 * "Tidy up": lays the flow out with ELK (loaded on first use, not with the canvas), moves the nodes in
 * one undoable step, then fits the view on the next frame.
 */
export function useAutoLayout(store: EditorStore): () => Promise<void> {
  const flow = useReactFlow<CanvasNode, CanvasEdge>();
  return useCallback(async () => {
    const { layoutFlow } = await import("../../flows/canvas/layoutFlow");
    const { nodes, edges } = store.get();
    const positions = await layoutFlow(
      nodes.map((n) => ({ id: n.id, width: n.measured?.width, height: n.measured?.height })),
      edges,
    );
    store.setPositions(positions);
    requestAnimationFrame(() => void flow.fitView({ padding: 0.1, duration: 250 }));
  }, [store, flow]);
}
