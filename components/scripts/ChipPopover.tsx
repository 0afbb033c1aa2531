"use client";

import { useEffect, useRef, useState } from "react";
import { chipFormatNames, isChipFormat, type ChipFormat } from "../../flows/scripts/chipFormats";
import { useLocale } from "../i18n/LocaleProvider";
import styles from "./scripts.module.css";

export type ChipSettings = { name: string; default: string; format: ChipFormat | "" };

type Props = {
  chip: ChipSettings;
  /** The variant's locale: the default is this variant's (each locale's variant has its own). */
  variantLocale: string | undefined;
  at: { left: number; top: number };
  onApply: (chip: ChipSettings) => void;
  onClose: () => void;
};

/** A variable chip's settings: the text shown when the customer has no value, and its format. */
export function ChipPopover({ chip, variantLocale, at, onApply, onClose }: Props) {
  const { t } = useLocale();
  const [fallback, setFallback] = useState(chip.default);
  const [format, setFormat] = useState<ChipFormat | "">(chip.format);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <form
      className={styles.chipPopover}
      role="dialog"
      aria-label={t("scripts.chip.title", { name: chip.name })}
      style={{ left: at.left, top: at.top }}
      onKeyDown={(e) => {
        if (e.key !== "Escape") return;
        e.preventDefault();
        onClose();
      }}
      onSubmit={(e) => {
        e.preventDefault();
        onApply({ name: chip.name, default: fallback.trim(), format });
      }}
    >
      <strong>
        <code>{chip.name}</code>
      </strong>
      <label>
        {t("scripts.chip.default", { locale: variantLocale ?? t("scripts.anyLocale") })}
        <input ref={first} value={fallback} onChange={(e) => setFallback(e.target.value)} />
      </label>
      <label>
        {t("scripts.chip.format")}
        <select value={format} onChange={(e) => setFormat(isChipFormat(e.target.value) ? e.target.value : "")}>
          <option value="">{t("scripts.chip.format.none")}</option>
          {chipFormatNames.map((f) => (
            <option key={f} value={f}>
              {t(`scripts.chip.format.${f}`)}
            </option>
          ))}
        </select>
      </label>
      <div className={styles.row}>
        <button type="submit" className={styles.primary}>
          {t("scripts.chip.apply")}
        </button>
        <button type="button" onClick={onClose}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
