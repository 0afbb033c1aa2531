"use client";

import { useLocale } from "../i18n/LocaleProvider";

/** The designer's mode button: the canvas with its figures, or back to editing. */
export function AnalyticsModeButton({ on, onToggle }: { on: boolean; onToggle: () => void }) {
  const { t } = useLocale();
  return (
    <button
      type="button"
      aria-pressed={on}
      onClick={onToggle}
      style={{ position: "absolute", top: 8, right: 8, zIndex: on ? 21 : 5, display: on ? "none" : undefined }}
    >
      {t("analytics.mode")}
    </button>
  );
}
