"use client";

import { useRef, type ReactNode } from "react";
import { useLocale } from "../i18n/LocaleProvider";
import styles from "./scripts.module.css";

/** A button that asks first (a modal <dialog>), for destructive actions. */
export function ConfirmButton({
  children,
  question,
  onConfirm,
  disabled,
  danger = true,
}: {
  children: ReactNode;
  question: string;
  onConfirm: () => void;
  disabled?: boolean;
  danger?: boolean;
}) {
  const { t } = useLocale();
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <button
        type="button"
        className={danger ? styles.danger : undefined}
        disabled={disabled}
        onClick={() => dialog.current?.showModal()}
      >
        {children}
      </button>
      <dialog ref={dialog} className={styles.dialog} aria-label={question}>
        <p>{question}</p>
        <div className={styles.row}>
          <button type="button" onClick={() => dialog.current?.close()}>
            {t("common.cancel")}
          </button>
          <button
            type="button"
            className={danger ? styles.danger : styles.primary}
            onClick={() => {
              dialog.current?.close();
              onConfirm();
            }}
          >
            {t("common.confirm")}
          </button>
        </div>
      </dialog>
    </>
  );
}
