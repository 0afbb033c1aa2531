"use client";

import { useLocale } from "../i18n/LocaleProvider";
import type { MessageKey } from "../i18n/messages";
import styles from "./settings.module.css";

/** In place of a section the member's role may not use: words only, no form beside them. */
export function NotAllowed({ section, role }: { section: MessageKey; role: string }) {
  const { t } = useLocale();
  return (
    <div>
      <h2>{t(section)}</h2>
      <p className={styles.muted} data-testid="not-allowed">
        {t("settings.notAllowed", { role, section: t(section) })}
      </p>
    </div>
  );
}
