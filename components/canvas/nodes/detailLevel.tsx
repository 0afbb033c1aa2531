"use client";

import { createContext, useContext } from "react";
import type { ReactNode } from "react";
import { useStore } from "@xyflow/react";
import type { ReactFlowState } from "@xyflow/react";

/** Below this zoom the text is too small to read: nodes draw only their frame and title. */
export const DETAIL_ZOOM = 0.35;
const showsDetail = (state: ReactFlowState) => state.transform[2] >= DETAIL_ZOOM;

const DetailContext = createContext(true);

/**
 * Tells the nodes whether the canvas is zoomed in far enough for detail. One subscription to React
 * Flow's store for the whole canvas: a subscription per node would run thousands of selectors on every
 * frame of a pan or drag. Place it inside the ReactFlowProvider, around the ReactFlow.
 */
export function DetailLevel({ children }: { children: ReactNode }) {
  const detailed = useStore(showsDetail);
  return <DetailContext.Provider value={detailed}>{children}</DetailContext.Provider>;
}

export const useDetailed = () => useContext(DetailContext);
