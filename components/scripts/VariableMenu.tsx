"use client";

import { useSyncExternalStore } from "react";
import { useLocale } from "../i18n/LocaleProvider";
import { suggestionStore } from "./suggestionStore";
import styles from "./scripts.module.css";

/**
 * The open variable suggestion (typing `{{` or `@` in an editor), under the caret. The pointer does not
 * move the highlighted choice (the list often opens under a resting pointer, and Enter takes the
 * highlighted one): only the arrow keys do; a click takes the item clicked.
 */
export function VariableMenu() {
  const { t } = useLocale();
  const open = useSyncExternalStore(suggestionStore.subscribe, suggestionStore.get, () => null);
  if (!open) return null;
  return (
    <div
      className={styles.suggestions}
      role="listbox"
      aria-label={t("scripts.editor.variables")}
      style={{ left: open.rect?.left ?? 0, top: (open.rect?.bottom ?? 0) + 4 }}
    >
      {open.items.length === 0 && <div className={styles.muted}>{t("scripts.editor.noVariables")}</div>}
      {open.items.map((item, i) => (
        <button
          key={item.name}
          type="button"
          role="option"
          aria-selected={i === open.index}
          onMouseDown={(e) => {
            e.preventDefault();
            open.select(item);
          }}
        >
          <code>{item.name}</code>
          <span className={styles.muted}>
            {item.source === "customer" ? t("scripts.editor.customer") : item.source}
          </span>
        </button>
      ))}
    </div>
  );
}
