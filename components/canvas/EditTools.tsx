"use client";

import { memo } from "react";
import { useReactFlow } from "@xyflow/react";
import { useLocale } from "../i18n/LocaleProvider";
import type { CanvasEdge, CanvasNode, EditorStore } from "./editorStore";
import { useAutoLayout } from "./useAutoLayout";
import styles from "./canvas.module.css";

type Props = {
  store: EditorStore;
  canUndo: boolean;
  canRedo: boolean;
  copy: () => void;
  paste: () => void;
  /** Editing tools are not offered to a role that cannot edit (the canvas's own controls still fit the view). */
  hidden: boolean;
};

/** The toolbar's editing tools: undo, redo, copy, paste, delete, tidy up (layout), fit the view. */
export const EditTools = memo(function EditTools({ store, canUndo, canRedo, copy, paste, hidden }: Props) {
  const { t } = useLocale();
  const flow = useReactFlow<CanvasNode, CanvasEdge>();
  const layout = useAutoLayout(store);
  return (
    <div className={styles.toolbarGroup} style={hidden ? { display: "none" } : undefined}>
      <button
        type="button"
        className={styles.iconButton}
        onClick={store.undo}
        disabled={!canUndo}
        aria-label={t("editor.undo")}
        title={t("editor.undo")}
      >
        ↶
      </button>
      <button
        type="button"
        className={styles.iconButton}
        onClick={store.redo}
        disabled={!canRedo}
        aria-label={t("editor.redo")}
        title={t("editor.redo")}
      >
        ↷
      </button>
      <button
        type="button"
        className={styles.iconButton}
        onClick={copy}
        aria-label={t("editor.copy")}
        title={t("editor.copy")}
      >
        {t("editor.copyShort")}
      </button>
      <button
        type="button"
        className={styles.iconButton}
        onClick={paste}
        aria-label={t("editor.paste")}
        title={t("editor.paste")}
      >
        {t("editor.pasteShort")}
      </button>
      <button
        type="button"
        className={styles.iconButton}
        onClick={() => store.deleteSelected()}
        aria-label={t("editor.delete")}
        title={t("editor.delete")}
      >
        {t("editor.deleteShort")}
      </button>
      <button type="button" className={styles.button} onClick={() => void layout()}>
        {t("editor.layout")}
      </button>
      <button
        type="button"
        className={styles.button}
        onClick={() => void flow.fitView({ padding: 0.1, duration: 250 })}
      >
        {t("editor.fit")}
      </button>
    </div>
  );
});
