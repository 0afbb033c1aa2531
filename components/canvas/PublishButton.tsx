"use client";

import { memo } from "react";
import { useLocale } from "../i18n/LocaleProvider";
import { usePublish } from "./usePublish";
import styles from "./canvas.module.css";

type Props = Parameters<typeof usePublish>[0] & {
  /** A role that may not publish does not see the button. */
  hidden: boolean;
};

/** The toolbar's Publish button; the number of errors left is its accessible description. */
export const PublishButton = memo(function PublishButton({ hidden, ...options }: Props) {
  const { t } = useLocale();
  const { publish, pending } = usePublish(options);
  return (
    <>
      <button
        type="button"
        className={`${styles.button} ${styles.primary}`}
        onClick={() => void publish()}
        disabled={pending}
        hidden={hidden}
        aria-describedby="publish-errors"
      >
        {pending ? t("editor.publishing") : t("editor.publish")}
      </button>
      <span id="publish-errors" className={styles.visuallyHidden}>
        {t("editor.errors", { count: options.errorCount })}
      </span>
    </>
  );
});
