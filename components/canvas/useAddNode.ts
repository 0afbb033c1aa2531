"use client";

import { useCallback, useRef } from "react";
import type { DragEvent } from "react";
import { useReactFlow } from "@xyflow/react";
import { isNodeType } from "../../flows/nodes/registry";
import type { NodeType } from "../../flows";
import { defaultNodeData } from "../../flows/canvas";
import type { CanvasEdge, CanvasNode, EditorStore } from "./editorStore";
import { freeId } from "./ids";
import { PALETTE_MIME } from "./Palette";
import styles from "./canvas.module.css";

/**
 * Adding nodes: `addNode` puts a new node of a type at a position, or near the middle of the view
 * (each next one a little offset, so a row of additions does not stack); `onDrop` takes one dragged
 * from the palette. `onAdded` runs after each addition. Both are stable across renders.
 */
export function useAddNode(store: EditorStore, onAdded: () => void) {
  const flow = useReactFlow<CanvasNode, CanvasEdge>();
  const addCount = useRef(0);

  const addNode = useCallback(
    (type: NodeType, position?: { x: number; y: number }) => {
      const taken = new Set(store.get().nodes.map((n) => n.id));
      let at = position;
      if (!at) {
        const bounds = document.querySelector(`.${styles.canvas}`)?.getBoundingClientRect();
        const centre = flow.screenToFlowPosition({
          x: (bounds?.left ?? 0) + (bounds?.width ?? 800) / 2,
          y: (bounds?.top ?? 0) + (bounds?.height ?? 600) / 2,
        });
        const offset = (addCount.current++ % 6) * 30;
        at = { x: centre.x - 100 + offset, y: centre.y - 40 + offset };
      }
      store.addNode({ id: freeId(type, taken), type, position: at, data: defaultNodeData(type) });
      onAdded();
    },
    [store, flow, onAdded],
  );

  const onDrop = useCallback(
    (event: DragEvent) => {
      event.preventDefault();
      const type = event.dataTransfer.getData(PALETTE_MIME);
      if (!isNodeType(type)) return;
      addNode(type, flow.screenToFlowPosition({ x: event.clientX - 100, y: event.clientY - 20 }));
    },
    [addNode, flow],
  );

  return { addNode, onDrop };
}
