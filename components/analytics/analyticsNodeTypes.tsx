"use client";

import { createContext, memo, useContext } from "react";
import type { ComponentType } from "react";
import type { NodeProps, NodeTypes } from "@xyflow/react";
import { heatColour } from "../../flows/analytics/overlayFigures";
import { flowNodeTypes } from "../canvas/nodes/flowNodeTypes";
import styles from "./analytics.module.css";

export type NodeFigure = {
  entered: number;
  dropped: number;
  dwellMs?: { p50: number; p90: number };
  csat?: { n: number; mean: number };
  nps?: { n: number; score: number };
};

export const FiguresContext = createContext<{
  figures: ReadonlyMap<string, NodeFigure>;
  started: number;
  describe: (node: string, figure: NodeFigure) => string;
}>({ figures: new Map(), started: 0, describe: () => "" });

/** Each designer node wrapped in its heat and a badge of its figures (the full text on hover). */
function withFigures(Base: ComponentType<NodeProps>) {
  return memo(function FigureNode(props: NodeProps) {
    const { figures, started, describe } = useContext(FiguresContext);
    const figure = figures.get(props.id) ?? { entered: 0, dropped: 0 };
    const text = describe(props.id, figure);
    return (
      <div
        className={styles.heat}
        style={{ background: heatColour(started > 0 ? figure.entered / started : 0) }}
        title={text}
        data-testid={`figures-${props.id}`}
      >
        <Base {...props} />
        <div className={styles.badge}>{text}</div>
      </div>
    );
  });
}

// A module-level constant, as React Flow wants its nodeTypes.
export const analyticsNodeTypes: NodeTypes = Object.fromEntries(
  Object.entries(flowNodeTypes).map(([type, component]) => [type, withFigures(component as ComponentType<NodeProps>)]),
);
