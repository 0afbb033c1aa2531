"use client";

import { useRef } from "react";
import type { InputHTMLAttributes } from "react";
import { useLocale } from "../i18n/LocaleProvider";
import styles from "./DateField.module.css";

type Props = {
  /** `YYYY-MM-DD` (or `YYYY-MM-DD HH:mm` with `withTime`), or what is being typed. */
  value: string;
  onChange: (text: string) => void;
  withTime?: boolean;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange" | "type">;

/**
 * A date typed as `2026-01-05`, the same in both languages, with the browser's calendar beside it.
 * The browser's own date field follows the browser's language (`01/05/2026` in an English Chromium
 * even on a Chinese page), so the typed field is a text field and the calendar only fills it.
 */
export function DateField({ value, onChange, withTime = false, className, ...rest }: Props) {
  const { t } = useLocale();
  const picker = useRef<HTMLInputElement>(null);
  const pickerValue = withTime ? value.replace(" ", "T") : value;
  return (
    <span className={`${styles.dateField} ${className ?? ""}`}>
      <input
        {...rest}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        placeholder={t(withTime ? "date.placeholderTime" : "date.placeholder")}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      <input
        ref={picker}
        type={withTime ? "datetime-local" : "date"}
        className={styles.picker}
        tabIndex={-1}
        aria-hidden
        value={/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/.test(pickerValue) ? pickerValue : ""}
        onChange={(e) => onChange(withTime ? e.target.value.replace("T", " ") : e.target.value)}
      />
      <button
        type="button"
        className={styles.open}
        aria-label={t("date.pick")}
        title={t("date.pick")}
        onClick={() => picker.current?.showPicker?.()}
      >
        <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden focusable="false">
          <rect x="1.5" y="3" width="13" height="11.5" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.3" />
          <path d="M1.5 6.5h13M5 1.5v3M11 1.5v3" stroke="currentColor" strokeWidth="1.3" fill="none" />
          <path d="M4 9h2v2H4zM7 9h2v2H7zM10 9h2v2h-2z" fill="currentColor" />
        </svg>
      </button>
    </span>
  );
}
