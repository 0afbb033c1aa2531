"use client";

import { useState } from "react";
import { useLocale } from "../i18n/LocaleProvider";
import styles from "./scripts.module.css";

/** A reviewer sends a version in review back to its authors, saying what should change. */
export function RequestChangesButton({ disabled, onSend }: { disabled: boolean; onSend: (comment: string) => void }) {
  const { t } = useLocale();
  const [comment, setComment] = useState<string | null>(null);
  if (comment === null)
    return (
      <button type="button" disabled={disabled} onClick={() => setComment("")}>
        {t("scripts.review.requestChanges")}
      </button>
    );
  return (
    <form
      className={styles.reviewForm}
      onSubmit={(e) => {
        e.preventDefault();
        if (!comment.trim()) return;
        onSend(comment.trim());
        setComment(null);
      }}
    >
      <label>
        {t("scripts.review.comment")}
        <textarea required rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
      </label>
      <div className={styles.row}>
        <button type="submit" className={styles.primary} disabled={disabled || !comment.trim()}>
          {t("scripts.review.send")}
        </button>
        <button type="button" onClick={() => setComment(null)}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
