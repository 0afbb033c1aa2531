"use client";

import { useCallback, useRef } from "react";
import type { CanvasEdge, CanvasNode, EditorStore } from "./editorStore";
import { freeId } from "./ids";

/**
 * Copy and paste within the canvas: `copy` keeps the selected nodes and the edges between them,
 * `paste` adds them again under free ids. Both stay the same functions across renders.
 */
export function useClipboard(store: EditorStore): { copy: () => void; paste: () => void } {
  const clipboard = useRef<{ nodes: CanvasNode[]; edges: CanvasEdge[] } | undefined>(undefined);
  const copy = useCallback(() => {
    const { nodes, edges } = store.get();
    const picked = nodes.filter((n) => n.selected);
    const ids = new Set(picked.map((n) => n.id));
    clipboard.current = { nodes: picked, edges: edges.filter((e) => ids.has(e.source) && ids.has(e.target)) };
  }, [store]);
  const paste = useCallback(() => {
    if (clipboard.current) store.paste(clipboard.current.nodes, clipboard.current.edges, freeId);
  }, [store]);
  return { copy, paste };
}
