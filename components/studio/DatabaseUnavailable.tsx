"use client";

// The banner the studio shows instead of a blank page while its database does not answer: it asks
// GET /api/v1/health every few seconds and, once the database is back, calls `onBack` (default: reload).
import { useEffect } from "react";
import { useLocale } from "../i18n/LocaleProvider";
import styles from "./DatabaseUnavailable.module.css";

const POLL_MS = 3_000;

export function DatabaseUnavailable({ onBack }: { onBack?: () => void }) {
  const { t } = useLocale();
  useEffect(() => {
    let cancelled = false;
    const timer = setInterval(() => {
      void fetch("/api/v1/health", { cache: "no-store" })
        .then((res) => {
          if (!cancelled && res.ok) {
            clearInterval(timer);
            if (onBack) onBack();
            else window.location.reload();
          }
        })
        .catch(() => undefined);
    }, POLL_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [onBack]);
  return (
    <div className={styles.banner} role="alert" data-testid="database-unavailable">
      <strong>{t("db.unavailable")}</strong>
      <p>{t("db.unavailable.detail")}</p>
    </div>
  );
}
