"use client";

import { useEffect, useRef } from "react";
import { useNodesInitialized, useReactFlow } from "@xyflow/react";

/** Fits the whole flow into view once, as soon as every node has been measured. */
export function FitOnInit({ maxZoom = 1 }: { maxZoom?: number }) {
  const initialized = useNodesInitialized();
  const flow = useReactFlow();
  const done = useRef(false);
  useEffect(() => {
    if (!initialized || done.current) return;
    done.current = true;
    void flow.fitView({ padding: 0.15, maxZoom });
  }, [initialized, flow, maxZoom]);
  return null;
}
