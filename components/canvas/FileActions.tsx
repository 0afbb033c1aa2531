"use client";

import { memo, useRef } from "react";
import { parseFlowDocument } from "../../flows/schema/parseFlowDocument";
import type { FlowResolver } from "../../flows";
import { useLocale } from "../i18n/LocaleProvider";
import type { EditorStore } from "./editorStore";
import styles from "./canvas.module.css";

type Props = {
  store: EditorStore;
  flowKey: string;
  resolveFlow?: FlowResolver;
  onMessage: (message: string) => void;
  readOnly?: boolean;
};

/**
 * Import a flow document into this draft (undoable); export the document or the compiled XState config.
 * A role that cannot edit flows gets the exports only.
 */
export const FileActions = memo(function FileActions({
  store,
  flowKey,
  resolveFlow,
  onMessage,
  readOnly = false,
}: Props) {
  const { t } = useLocale();
  const input = useRef<HTMLInputElement>(null);
  const importFile = async (file: File) => {
    try {
      const raw: unknown = JSON.parse(await file.text());
      const parsed = parseFlowDocument(raw);
      if (!parsed.ok)
        return onMessage(
          t("editor.importFailed", {
            message:
              parsed.reason === "migration"
                ? parsed.message
                : parsed.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
          }),
        );
      store.replaceDocument({ ...parsed.document, key: flowKey });
    } catch (error) {
      onMessage(t("editor.importFailed", { message: error instanceof Error ? error.message : String(error) }));
    }
  };
  const exportCompiled = async () => {
    // The compiler (and XState) load when first asked for, not with the canvas.
    const { compileFlow } = await import("../../flows/compile/compileFlow");
    const result = compileFlow(store.document(), { resolveFlow });
    if (!result.ok) return onMessage(t("editor.compileFailed"));
    download(`${flowKey}.xstate.json`, result.machine);
  };
  return (
    <div className={styles.toolbarGroup}>
      {!readOnly && (
        <>
          <input
            ref={input}
            type="file"
            accept="application/json,.json"
            hidden
            data-testid="import-file"
            onChange={(e) =>
              e.target.files?.[0] && void importFile(e.target.files[0]).finally(() => (e.target.value = ""))
            }
          />
          <button type="button" className={styles.button} onClick={() => input.current?.click()}>
            {t("editor.importFile")}
          </button>
        </>
      )}
      <button
        type="button"
        className={styles.button}
        onClick={() => download(`${flowKey}.flow.json`, store.document())}
      >
        {t("editor.exportFile")}
      </button>
      <button type="button" className={styles.button} onClick={() => void exportCompiled()}>
        {t("editor.exportCompiled")}
      </button>
    </div>
  );
});

function download(name: string, value: unknown) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2)], { type: "application/json" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
