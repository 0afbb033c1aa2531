"use client";

import { memo, useState } from "react";
import Link from "next/link";
import type { FlowResolver } from "../../flows";
import { useLocale } from "../i18n/LocaleProvider";
import type { Decorations } from "./decorations";
import type { EditorStore } from "./editorStore";
import { EditTools } from "./EditTools";
import { FileActions } from "./FileActions";
import { FindNode } from "./FindNode";
import { PublishButton } from "./PublishButton";
import type { SaveState } from "./useAutosave";
import styles from "./canvas.module.css";

type Props = {
  store: EditorStore;
  decorations: Decorations;
  flowKey: string;
  /** The document's name and key (an imported document may bring its own). */
  name: string;
  documentKey: string;
  /** The newest published version when the page opened; publishing here moves it on. */
  initialLatestVersion: number | null;
  canUndo: boolean;
  canRedo: boolean;
  saveState: SaveState;
  flush: () => Promise<void>;
  rebase: (revision: string, saved: boolean) => void;
  readOnly: boolean;
  role: string;
  canPublish: boolean;
  resolveFlow: FlowResolver;
  errorCount: number;
  copy: () => void;
  paste: () => void;
  onMessage: (message: string) => void;
};

/**
 * The designer's toolbar: back to the library, the flow's name, its latest version and save state,
 * the editing tools, find a node, import/export and publish. What a role may not do is not offered.
 */
export const EditorToolbar = memo(function EditorToolbar({
  store,
  decorations,
  flowKey,
  name,
  documentKey,
  initialLatestVersion,
  canUndo,
  canRedo,
  saveState,
  flush,
  rebase,
  readOnly,
  role,
  canPublish,
  resolveFlow,
  errorCount,
  copy,
  paste,
  onMessage,
}: Props) {
  const { t } = useLocale();
  const [latestVersion, setLatestVersion] = useState(initialLatestVersion);
  const saveText =
    saveState.status === "saved"
      ? t("editor.saved")
      : saveState.status === "saving"
        ? t("editor.saving")
        : saveState.status === "unsaved"
          ? t("editor.unsaved")
          : t("editor.saveFailed", { message: saveState.message ?? "" });
  return (
    <div className={styles.toolbar} role="toolbar" aria-label={name}>
      <Link href="/flows" className={styles.button} prefetch={false}>
        {`← ${t("editor.back")}`}
      </Link>
      <h1 title={documentKey}>{name}</h1>
      <span className={styles.badge}>
        {latestVersion ? t("editor.latest", { version: latestVersion }) : t("editor.never")}
      </span>
      <span
        className={`${styles.saveState} ${saveState.status === "error" ? styles.saveError : ""}`}
        role="status"
        data-testid="save-state"
        data-status={saveState.status}
      >
        {saveText}
      </span>
      {readOnly && (
        <span className={styles.badge} role="note" data-testid="read-only">
          {t("editor.readOnly", { role })}
        </span>
      )}
      <span className={styles.spacer} />
      <EditTools store={store} canUndo={canUndo} canRedo={canRedo} copy={copy} paste={paste} hidden={readOnly} />
      <FindNode store={store} decorations={decorations} onMessage={onMessage} />
      <FileActions
        store={store}
        flowKey={flowKey}
        resolveFlow={resolveFlow}
        onMessage={onMessage}
        readOnly={readOnly}
      />
      <PublishButton
        flowKey={flowKey}
        flush={flush}
        rebase={rebase}
        errorCount={errorCount}
        onMessage={onMessage}
        onPublished={setLatestVersion}
        hidden={!canPublish}
      />
    </div>
  );
});
