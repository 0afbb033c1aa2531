"use client";

import { useLocale } from "../i18n/LocaleProvider";
import styles from "./scripts.module.css";

export type ScriptVersionStatus = "draft" | "in_review" | "approved";

export function StatusBadge({ status }: { status: ScriptVersionStatus }) {
  const { t } = useLocale();
  return (
    <span className={`${styles.badge} ${styles[status] ?? ""}`} data-status={status}>
      {t(`scripts.status.${status}`)}
    </span>
  );
}
