"use client";

import { useEffect, useRef } from "react";
import { useNodesInitialized, useReactFlow, useStore } from "@xyflow/react";
import type { ReactFlowState } from "@xyflow/react";

const hasSize = (state: ReactFlowState) => state.width > 0 && state.height > 0;

/** Fits the whole flow into view once, as soon as the pane has a size and every node was measured. */
export function FitOnInit({ maxZoom = 1 }: { maxZoom?: number }) {
  const initialized = useNodesInitialized();
  const sized = useStore(hasSize);
  const flow = useReactFlow();
  const done = useRef(false);
  useEffect(() => {
    if (!initialized || !sized || done.current) return;
    done.current = true;
    // One frame later: the measured sizes have reached the store's internals by then.
    requestAnimationFrame(() => void flow.fitView({ padding: 0.15, maxZoom }));
  }, [initialized, sized, flow, maxZoom]);
  return null;
}
