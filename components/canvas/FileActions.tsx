"use client";

import { memo, useRef } from "react";
import { parseFlowDocument } from "../../flows/schema/parseFlowDocument";
import { MAX_DOCUMENT_BYTES, readDocumentText } from "../../flows/schema/readDocumentFile";
import { analyseFlow } from "../../flows/validate/analyseFlow";
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
  const { t, locale, diagnostic } = useLocale();
  const input = useRef<HTMLInputElement>(null);
  const importFile = async (file: File) => {
    try {
      if (file.size > MAX_DOCUMENT_BYTES)
        return onMessage(t("import.tooLarge", { file: file.name, size: Math.ceil(file.size / 1024) }));
      const read = readDocumentText(await file.text());
      if (!read.ok)
        return onMessage(
          read.problem === "too-large"
            ? t("import.tooLarge", { file: file.name, size: Math.ceil(read.bytes / 1024) })
            : t("import.notJson", { file: file.name }),
        );
      const parsed = parseFlowDocument(read.value);
      if (!parsed.ok)
        return onMessage(
          t("import.invalid", {
            file: file.name,
            // What is wrong, as the validator's findings in the studio's language (the first five).
            issues: analyseFlow(read.value)
              .diagnostics.slice(0, 5)
              .map((d) => diagnostic(d))
              .join(locale === "zh" ? "；" : "; "),
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
          <button
            type="button"
            className={styles.button}
            aria-label={t("editor.importFile")}
            onClick={() => input.current?.click()}
          >
            {t("editor.importShort")}
          </button>
        </>
      )}
      <button
        type="button"
        className={styles.button}
        aria-label={t("editor.exportFile")}
        onClick={() => download(`${flowKey}.flow.json`, store.document())}
      >
        {t("editor.exportShort")}
      </button>
      <button
        type="button"
        className={styles.button}
        aria-label={t("editor.exportCompiled")}
        onClick={() => void exportCompiled()}
      >
        {t("editor.exportCompiledShort")}
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
