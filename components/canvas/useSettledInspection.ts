"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import type { EditorStore, Inspection } from "./editorStore";
import { LARGE_FLOW } from "./largeFlow";

/** How long a new selection must stand before a big flow's inspector shows it. */
const SETTLE_MS = 150;

/**
 * What the inspector shows. Edits to what it shows appear at once (its inputs are controlled). In a big
 * flow, a new selection is shown once it has stood for a moment and no node is being dragged: a drag
 * starts by selecting its node, and building that node's form would cost the drag its first frames.
 */
export function useSettledInspection(store: EditorStore): Inspection {
  const current = useSyncExternalStore(store.subscribe, store.inspection, store.inspection);
  const [settled, setSettled] = useState(current);
  const large = current.nodes.length > LARGE_FLOW;
  useEffect(() => {
    if (current.selection === settled.selection) {
      if (current !== settled) setSettled(current);
      return;
    }
    if (!large) {
      setSettled(current);
      return;
    }
    let timer: ReturnType<typeof setTimeout>;
    const settle = () => {
      if (store.get().nodes.some((node) => node.dragging)) timer = setTimeout(settle, SETTLE_MS);
      else setSettled(store.inspection());
    };
    timer = setTimeout(settle, SETTLE_MS);
    return () => clearTimeout(timer);
  }, [current, settled, large, store]);
  return current.selection === settled.selection ? current : settled;
}
