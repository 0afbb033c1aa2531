"use client";

import { Fragment, useContext, useEffect, useMemo, useRef } from "react";
import type { CSSProperties, ReactNode } from "react";
import { Handle, Position, useUpdateNodeInternals } from "@xyflow/react";
import { DEFAULT_OUTLET } from "../../../flows/nodes/nodeType";
import type { NodeType } from "../../../flows/nodes/registry";
import { nodeOutlets } from "../../../flows/canvas";
import { useLocale } from "../../i18n/LocaleProvider";
import { CanvasContext, useNodeDecoration } from "../decorations";
import { useDetailed } from "./detailLevel";
import styles from "../canvas.module.css";

export const nodeIcons = {
  start: "▶",
  stage: "◆",
  message: "✉",
  ask: "?",
  decision: "◇",
  wait: "◷",
  verify: "✔",
  handoff: "⇄",
  survey: "☺",
  set: "=",
  subflow: "⊞",
  end: "■",
} satisfies Record<NodeType, string>;

type ShellProps = {
  id: string;
  type: NodeType;
  data: Record<string, unknown>;
  selected: boolean;
  title?: string;
  mot?: boolean;
  children?: ReactNode;
};

/** The frame every node type shares: header, decorations (errors, simulation, diff), handles per outlet. */
export function FlowNodeShell({ id, type, data, selected, title, mot, children }: ShellProps) {
  const { t } = useLocale();
  const { resolveFlow } = useContext(CanvasContext);
  const decoration = useNodeDecoration(id);
  const detailed = useDetailed();
  const outlets = useMemo(() => nodeOutlets(type, data, resolveFlow), [type, data, resolveFlow]);
  const handles = outlets.byEvent ? [DEFAULT_OUTLET] : outlets.outlets;
  const handleKey = handles.join("|");
  const updateNodeInternals = useUpdateNodeInternals();
  // Handles added or removed after the first render (a new rule, an option) must be re-measured;
  // on mount React Flow measures them itself (doing it for every node would cost O(n²) at load).
  const measuredHandles = useRef(handleKey);
  useEffect(() => {
    if (measuredHandles.current === handleKey) return;
    measuredHandles.current = handleKey;
    updateNodeInternals(id);
  }, [id, handleKey, updateNodeInternals]);
  const decorationClasses = decoration
    .split(" ")
    .filter(Boolean)
    .map((name) => styles[name] ?? "")
    .join(" ");
  const single = handles.length === 1 && handles[0] === DEFAULT_OUTLET;
  return (
    <div
      className={`${styles.node} ${styles[`type_${type}`] ?? ""} ${selected ? styles.selected : ""} ${detailed ? "" : styles.compact} ${decorationClasses}`}
      data-node-id={id}
      data-decoration={decoration}
      data-detail={detailed ? "full" : "light"}
    >
      {type !== "start" &&
        (detailed ? (
          <Handle type="target" position={Position.Top} className={styles.targetHandle} />
        ) : (
          <StaticHandle nodeId={id} type="target" position={Position.Top} className={styles.targetHandle} />
        ))}
      {detailed && (
        <div className={styles.nodeHeader}>
          <span className={styles.nodeIcon} aria-hidden>
            {nodeIcons[type]}
          </span>
          <span className={styles.nodeType}>{t(`node.${type}`)}</span>
          {mot && (
            <span className={styles.mot} title={t("node.mot")} aria-label={t("node.mot")}>
              ★
            </span>
          )}
        </div>
      )}
      <div className={styles.nodeTitle}>{title || id}</div>
      {detailed && children && <div className={styles.nodeBody}>{children}</div>}
      {handles.map((handle, index) => {
        const left = `${((index + 1) / (handles.length + 1)) * 100}%`;
        const handleId = handle === DEFAULT_OUTLET ? undefined : handle;
        return (
          <Fragment key={handle}>
            {detailed ? (
              <Handle
                type="source"
                position={Position.Bottom}
                id={handleId}
                className={styles.sourceHandle}
                style={{ left }}
                title={handle}
              />
            ) : (
              <StaticHandle
                nodeId={id}
                type="source"
                position={Position.Bottom}
                id={handleId}
                className={styles.sourceHandle}
                style={{ left }}
              />
            )}
            {!single && detailed && (
              <span className={styles.outletLabel} style={{ left }}>
                {handle}
              </span>
            )}
          </Fragment>
        );
      })}
    </div>
  );
}

type StaticHandleProps = {
  nodeId: string;
  type: "source" | "target";
  position: Position;
  id?: string;
  className?: string;
  style?: CSSProperties;
};

/**
 * What React Flow measures for an edge's end (the classes and data attributes of its <Handle>), without
 * the store subscription each <Handle> holds. Light nodes use it: at that zoom a handle is a pixel wide,
 * so connections are drawn once zoomed in, where nodes have real handles.
 */
function StaticHandle({ nodeId, type, position, id, className, style }: StaticHandleProps) {
  return (
    <div
      data-handleid={id}
      data-nodeid={nodeId}
      data-handlepos={position}
      className={`react-flow__handle react-flow__handle-${position} ${type} ${className ?? ""}`}
      style={style}
    />
  );
}

export function Chip({
  children,
  tone,
}: {
  children: ReactNode;
  tone?: "stage" | "channel" | "script" | "time" | "muted";
}) {
  return <span className={`${styles.chip} ${tone ? (styles[`chip_${tone}`] ?? "") : ""}`}>{children}</span>;
}

export function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}
