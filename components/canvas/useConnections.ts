"use client";

import { useCallback } from "react";
import type { Connection, IsValidConnection } from "@xyflow/react";
import type { FlowResolver } from "../../flows";
import { nodeOutlets } from "../../flows/canvas";
import { canConnect } from "../../flows/canvas/canConnect";
import type { CanvasEdge, EditorStore } from "./editorStore";
import { freeEdgeId } from "./ids";

/**
 * Drawing edges: `isValidConnection` asks the flow rules (flows/canvas/canConnect.ts) while the
 * designer drags a connection; `onConnect` adds the edge and, from a stage node (whose edges are
 * chosen by event), selects it so the inspector asks for the event. Stable across renders: React
 * Flow receives them.
 */
export function useConnections(store: EditorStore, resolveFlow: FlowResolver) {
  const isValidConnection = useCallback<IsValidConnection<CanvasEdge>>(
    (connection) => {
      const { nodes, edges } = store.get();
      return canConnect(nodes, edges, connection, resolveFlow);
    },
    [store, resolveFlow],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      const taken = new Set(store.get().edges.map((e) => e.id));
      const id = freeEdgeId(taken);
      const source = store.get().nodes.find((n) => n.id === connection.source);
      store.addEdge({
        id,
        source: connection.source,
        target: connection.target,
        ...(connection.sourceHandle ? { sourceHandle: connection.sourceHandle } : {}),
      });
      if (source && nodeOutlets(source.type, source.data).byEvent) store.select(new Set(), new Set([id]));
    },
    [store],
  );

  return { isValidConnection, onConnect };
}
