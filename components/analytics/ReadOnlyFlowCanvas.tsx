"use client";

import { useEffect, useMemo, useState } from "react";
import {
  Background,
  Controls,
  ReactFlow,
  ReactFlowProvider,
  type Edge,
  type Node,
  type NodeTypes,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { toReactFlow } from "../../flows/canvas";
import type { FlowDocument } from "../../flows";
import { CanvasContext, Decorations } from "../canvas/decorations";
import { DetailLevel } from "../canvas/nodes/detailLevel";
import { flowNodeTypes } from "../canvas/nodes/flowNodeTypes";
import canvasStyles from "../canvas/canvas.module.css";

type Props = {
  document: Pick<FlowDocument, "nodes" | "edges">;
  /** Node id → decoration of the canvas's own ("visited", "current"). */
  nodeClasses?: ReadonlyMap<string, string>;
  /** Edges as drawn: given the document's edges, return them decorated (class, label, style). */
  decorateEdges?: (edges: Edge[]) => Edge[];
  /** Node components to draw instead of the designer's (they wrap them). */
  nodeTypes?: NodeTypes;
  label: string;
  testId?: string;
};

const FIT = { padding: 0.1, maxZoom: 1 };
const PRO = { hideAttribution: true };

/** A flow version drawn with the designer's nodes, read-only: for replays and the analytics overlay. */
export function ReadOnlyFlowCanvas(props: Props) {
  return (
    <ReactFlowProvider>
      <Inner {...props} />
    </ReactFlowProvider>
  );
}

function Inner({ document, nodeClasses, decorateEdges, nodeTypes, label, testId }: Props) {
  const [decorations] = useState(() => new Decorations());
  const environment = useMemo(() => ({ decorations, readOnly: true }), [decorations]);
  useEffect(() => decorations.setLayer("simulation", new Map(nodeClasses ?? [])), [decorations, nodeClasses]);
  const graph = useMemo(() => toReactFlow(document), [document]);
  const nodes = useMemo(() => graph.nodes as Node[], [graph]);
  const edges = useMemo(
    () => (decorateEdges ? decorateEdges(graph.edges as Edge[]) : (graph.edges as Edge[])),
    [graph, decorateEdges],
  );
  return (
    <CanvasContext.Provider value={environment}>
      <div
        className={canvasStyles.canvas}
        style={{ height: "100%" }}
        role="img"
        aria-label={label}
        data-testid={testId}
      >
        <DetailLevel>
          <ReactFlow
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes ?? flowNodeTypes}
            nodesDraggable={false}
            nodesConnectable={false}
            elementsSelectable={false}
            deleteKeyCode={null}
            fitView
            fitViewOptions={FIT}
            minZoom={0.05}
            proOptions={PRO}
          >
            <Background />
            <Controls showInteractive={false} />
          </ReactFlow>
        </DetailLevel>
      </div>
    </CanvasContext.Provider>
  );
}
