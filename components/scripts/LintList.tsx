"use client";

import type { ScriptDiagnostic } from "../../flows/scripts/scriptDiagnostic";
import { useLocale } from "../i18n/LocaleProvider";
import { lintText } from "../i18n/lintTexts";
import styles from "./scripts.module.css";

/** Lint results of the variant being edited, as the content editor types; a fix is one click. */
export function LintList({
  diagnostics,
  onFix,
}: {
  diagnostics: readonly ScriptDiagnostic[];
  onFix?: (diagnostic: ScriptDiagnostic) => void;
}) {
  const { t, locale, label } = useLocale();
  const fieldName = (field: string) =>
    field === "subject" ? t("scripts.subject") : field === "title" ? t("scripts.pushTitle") : field;
  if (diagnostics.length === 0) {
    return (
      <p className={styles.lintClean} data-testid="lint-clean">
        ✓ {t("scripts.lint.clean")}
      </p>
    );
  }
  return (
    <ul className={styles.lint} data-testid="lint" aria-label={t("scripts.lint.title")}>
      {diagnostics.map((d, i) => (
        <li key={i} className={styles[d.severity]} data-code={d.code}>
          <strong>{t(`scripts.lint.${d.severity}`)}</strong>{" "}
          {d.field && d.field !== "text" ? `${fieldName(d.field)}: ` : ""}
          {d.line ? `${t("scripts.lint.line", { line: d.line })}: ` : ""}
          {lintText(d, locale, label)}
          {d.fix && onFix ? (
            <>
              {" "}
              <button type="button" className={styles.fixButton} onClick={() => onFix(d)}>
                {t("lint.fix", { replacement: d.fix.replace })}
              </button>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
