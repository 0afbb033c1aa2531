"use client";

import { memo } from "react";
import type { Diagnostic } from "../../flows";
import { useLocale } from "../i18n/LocaleProvider";
import styles from "./canvas.module.css";

/** The validator's findings as you draw; choosing one selects (and shows) its node or edge. */
export const ProblemsPanel = memo(function ProblemsPanel({
  diagnostics,
  onSelect,
}: {
  diagnostics: Diagnostic[];
  onSelect: (d: Diagnostic) => void;
}) {
  const { t, diagnostic } = useLocale();
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  return (
    <section className={styles.problems} aria-label={t("editor.problems")} data-testid="problems">
      <h2>
        {t("editor.problems")} · <span data-testid="error-count">{t("editor.errors", { count: errors })}</span> ·{" "}
        {t("editor.warnings", { count: warnings })}
      </h2>
      {diagnostics.length === 0 ? (
        <p className={styles.muted} style={{ margin: "0 10px 6px" }}>
          {t("editor.noProblems")}
        </p>
      ) : (
        <ul className={styles.problemList}>
          {diagnostics.map((d, i) => (
            <li key={i}>
              <button type="button" className={styles.problem} onClick={() => onSelect(d)}>
                <span className={d.severity === "error" ? styles.sevError : styles.sevWarning}>
                  {d.severity === "error" ? "✖" : "▲"}
                </span>
                {d.nodeId && <code>{d.nodeId}: </code>}
                {diagnostic(d)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
});
