"use client";

import { memo } from "react";
import { nodeRegistry, nodeTypes } from "../../flows/nodes/registry";
import type { NodeType } from "../../flows";
import { useLocale } from "../i18n/LocaleProvider";
import { nodeIcons } from "./nodes/FlowNodeShell";
import styles from "./canvas.module.css";

export const PALETTE_MIME = "application/x-journey-node";

/** Every node type of the registry: drag one onto the canvas, or press Enter / click to add it at the centre. */
export const Palette = memo(function Palette({ onAdd }: { onAdd: (type: NodeType) => void }) {
  const { t } = useLocale();
  return (
    <nav className={styles.palette} aria-label={t("editor.palette")}>
      <h2>{t("editor.palette")}</h2>
      <p className={styles.paletteHint}>{t("editor.paletteHint")}</p>
      {nodeTypes.map((type) => (
        <button
          key={type}
          type="button"
          className={styles.paletteItem}
          draggable
          title={nodeRegistry[type].description}
          aria-label={t("editor.add", { type: t(`node.${type}`) })}
          data-node-type={type}
          onDragStart={(e) => {
            e.dataTransfer.setData(PALETTE_MIME, type);
            e.dataTransfer.effectAllowed = "move";
          }}
          onClick={() => onAdd(type)}
        >
          <span aria-hidden>{nodeIcons[type]}</span>
          {t(`node.${type}`)}
        </button>
      ))}
    </nav>
  );
});
