"use client";

import { useLocale } from "../i18n/LocaleProvider";
import styles from "./settings.module.css";

/** A failed query or mutation, in words: the server's detail, or "your role does not allow this". */
export function ErrorNote({ error }: { error: { message: string; data?: { code?: string } | null } | null }) {
  const { t } = useLocale();
  if (!error) return null;
  return (
    <p role="alert" className={styles.error}>
      {error.data?.code === "FORBIDDEN" ? t("settings.forbidden") : error.message}
    </p>
  );
}
