"use client";

import { memo, useRef, useState } from "react";
import { useLocale } from "../i18n/LocaleProvider";
import { usePublish } from "./usePublish";
import styles from "./canvas.module.css";

type Props = Parameters<typeof usePublish>[0] & {
  /** A role that may not publish does not see the button. */
  hidden: boolean;
};

/**
 * The toolbar's Publish button; the number of errors left is its accessible description. It asks
 * first, with a note of what changed (kept on the version: the versions panel and the diff show it).
 */
export const PublishButton = memo(function PublishButton({ hidden, ...options }: Props) {
  const { t } = useLocale();
  const { publish, pending } = usePublish(options);
  const dialog = useRef<HTMLDialogElement>(null);
  const [note, setNote] = useState("");
  return (
    <>
      <button
        type="button"
        className={`${styles.button} ${styles.primary}`}
        onClick={() => dialog.current?.showModal()}
        disabled={pending}
        hidden={hidden}
        aria-describedby="publish-errors"
      >
        {pending ? t("editor.publishing") : t("editor.publish")}
      </button>
      <span id="publish-errors" className={styles.visuallyHidden}>
        {t("editor.errors", { count: options.errorCount })}
      </span>
      <dialog ref={dialog} className={styles.publishDialog} aria-label={t("publish.title")}>
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            dialog.current?.close();
            void publish(note);
            setNote("");
          }}
        >
          <h2>{t("publish.title")}</h2>
          <p className={styles.muted}>
            {options.errorCount > 0 ? t("publish.hasErrors", { count: options.errorCount }) : t("publish.explain")}
          </p>
          <label className={styles.field}>
            <span>{t("publish.note")}</span>
            <textarea
              rows={3}
              maxLength={1000}
              value={note}
              placeholder={t("publish.notePlaceholder")}
              onChange={(e) => setNote(e.target.value)}
            />
          </label>
          <div className={styles.inline}>
            <button type="button" className={styles.button} onClick={() => dialog.current?.close()}>
              {t("common.cancel")}
            </button>
            <button type="submit" className={`${styles.button} ${styles.primary}`}>
              {t("publish.confirm")}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
});
