"use client";

import { useEffect, useMemo, useState } from "react";
import { applyNodeChanges, Background, MiniMap, ReactFlow, ReactFlowProvider } from "@xyflow/react";
import type { NodeChange } from "@xyflow/react";
import type { FlowDocument } from "../../flows";
import { diffFlows, diffGraph, toReactFlow } from "../../flows/canvas";
import { useLocale } from "../i18n/LocaleProvider";
import { CanvasContext, Decorations } from "./decorations";
import type { CanvasEdge, CanvasNode } from "./editorStore";
import { flowNodeTypes } from "./nodes/flowNodeTypes";
import { DetailLevel } from "./nodes/detailLevel";
import { FitOnInit } from "./FitOnInit";
import styles from "./canvas.module.css";

type Props = {
  from: { label: string; document: FlowDocument };
  to: { label: string; document: FlowDocument };
  onClose: () => void;
};

/** Two versions on one read-only canvas: added, removed and changed nodes and edges highlighted. */
export function DiffOverlay({ from, to, onClose }: Props) {
  const { t } = useLocale();
  const diff = useMemo(() => diffFlows(from.document, to.document), [from.document, to.document]);
  const [decorations] = useState(() => new Decorations());
  const graph = useMemo(() => {
    const union = toReactFlow(diffGraph(from.document, to.document));
    const edges = union.edges.map((edge) => {
      const status =
        diff.edges.get(edge.id.replace(/~removed$/, "")) ?? (edge.id.endsWith("~removed") ? "removed" : "same");
      return {
        ...edge,
        className: status === "added" ? "diffAdded" : status === "removed" ? "diffRemoved" : undefined,
        selectable: false,
      };
    });
    return {
      nodes: union.nodes.map((n) => ({ ...n, draggable: false, selectable: false })) as CanvasNode[],
      edges: edges as CanvasEdge[],
    };
  }, [from.document, to.document, diff]);
  // Read-only, but React Flow still reports measured sizes through onNodesChange: without them the
  // nodes never count as initialised and the view never fits.
  const [nodes, setNodes] = useState(graph.nodes);
  useEffect(() => setNodes(graph.nodes), [graph.nodes]);
  const onNodesChange = (changes: NodeChange<CanvasNode>[]) =>
    setNodes((current) => applyNodeChanges(changes, current));
  useEffect(() => {
    const layer = new Map<string, string>();
    for (const [id, status] of diff.nodes)
      if (status === "added" || status === "removed" || status === "changed") layer.set(id, status);
    decorations.setLayer("diff", layer);
  }, [diff, decorations]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
  return (
    <div
      className={styles.overlay}
      role="dialog"
      aria-label={t("versions.diffTitle", { from: from.label, to: to.label })}
      data-testid="diff-overlay"
    >
      <div className={styles.overlayHeader}>
        <strong>{t("versions.diffTitle", { from: from.label, to: to.label })}</strong>
        <span className={`${styles.badge}`} data-testid="diff-added">
          {t("versions.added", { count: diff.counts.added })}
        </span>
        <span className={`${styles.badge} ${styles.badgeWarn}`} data-testid="diff-changed">
          {t("versions.changed", { count: diff.counts.changed })}
        </span>
        <span className={styles.badge} data-testid="diff-removed">
          {t("versions.removed", { count: diff.counts.removed })}
        </span>
        {diff.fields.length > 0 && (
          <span className={styles.muted}>{t("versions.fields", { fields: diff.fields.join(", ") })}</span>
        )}
        <span className={styles.spacer} />
        <button type="button" className={styles.button} onClick={onClose} autoFocus>
          {t("versions.close")}
        </button>
      </div>
      <div style={{ flex: 1, minHeight: 0 }}>
        <CanvasContext.Provider value={{ decorations, readOnly: true }}>
          <ReactFlowProvider>
            <DetailLevel>
              <ReactFlow
                nodes={nodes}
                onNodesChange={onNodesChange}
                edges={graph.edges}
                nodeTypes={flowNodeTypes}
                minZoom={0.05}
                nodesConnectable={false}
                nodesDraggable={false}
                elementsSelectable={false}
                proOptions={{ hideAttribution: true }}
              >
                <FitOnInit />
                <Background />
                <MiniMap pannable zoomable />
              </ReactFlow>
            </DetailLevel>
          </ReactFlowProvider>
        </CanvasContext.Provider>
      </div>
    </div>
  );
}
