"use client";

import { memo } from "react";
import dynamic from "next/dynamic";
import type { Diagnostic, FlowDocument, FlowResolver } from "../../flows";
import { useLocale } from "../i18n/LocaleProvider";
import type { EditorStore } from "./editorStore";
import { Inspector } from "./Inspector";
import styles from "./canvas.module.css";

// The simulator (XState, Liquid) and the version list load when first opened, not with the canvas.
const SimulatorPanel = dynamic(() => import("./SimulatorPanel").then((m) => m.SimulatorPanel), {
  ssr: false,
  loading: PanelLoading,
});
const VersionsPanel = dynamic(() => import("./VersionsPanel").then((m) => m.VersionsPanel), {
  ssr: false,
  loading: PanelLoading,
});

function PanelLoading() {
  const { t } = useLocale();
  return <p className={styles.muted}>{t("common.loading")}</p>;
}

export type EditorTab = "inspect" | "simulate" | "versions";
const TABS: readonly EditorTab[] = ["inspect", "simulate", "versions"];

/** Two versions of the flow side by side (the diff overlay's input). */
export type Comparison = {
  from: { label: string; document: FlowDocument };
  to: { label: string; document: FlowDocument };
};

type Props = {
  tab: EditorTab;
  onTab: (tab: EditorTab) => void;
  store: EditorStore;
  diagnostics: Diagnostic[];
  readOnly: boolean;
  flowKey: string;
  resolveFlow: FlowResolver;
  /** The document as it stands (read when a panel needs it, not on every render). */
  currentDocument: () => FlowDocument;
  onPath: (visited: string[], current: string | undefined) => void;
  onCompare: (from: Comparison["from"], to: Comparison["to"]) => void;
  onRestored: (document: FlowDocument, revision: string, version: number) => void;
};

/** The designer's side panel: the inspector, the simulator and the versions, one tab at a time. */
export const EditorSidePanel = memo(function EditorSidePanel({
  tab,
  onTab,
  store,
  diagnostics,
  readOnly,
  flowKey,
  resolveFlow,
  currentDocument,
  onPath,
  onCompare,
  onRestored,
}: Props) {
  const { t } = useLocale();
  return (
    <aside className={styles.side} aria-label={t("editor.tabs")}>
      <div className={styles.tabs} role="tablist">
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            className={styles.tab}
            aria-selected={tab === name}
            onClick={() => onTab(name)}
          >
            {t(`editor.tab.${name}`)}
          </button>
        ))}
      </div>
      <div className={styles.panel} role="tabpanel">
        {tab === "inspect" && (
          <fieldset disabled={readOnly} className={styles.plainFieldset}>
            <Inspector store={store} diagnostics={diagnostics} />
          </fieldset>
        )}
        {tab === "simulate" && <SimulatorPanel document={currentDocument} resolveFlow={resolveFlow} onPath={onPath} />}
        {tab === "versions" && (
          <VersionsPanel flowKey={flowKey} draft={currentDocument} onCompare={onCompare} onRestored={onRestored} />
        )}
      </div>
    </aside>
  );
});
