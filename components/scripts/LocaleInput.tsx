"use client";

import { useId, useState } from "react";
import { localeSchema } from "../../flows/scripts/scriptDocument";
import { useLocale } from "../i18n/LocaleProvider";

/** Locales content teams write most; any BCP 47 tag may be typed. */
const commonLocales = ["zh-CN", "zh-TW", "zh-HK", "en", "en-GB", "en-US"] as const;

/** The UI language's script locale: what a new script or variant starts in. */
export function defaultScriptLocale(uiLocale: "en" | "zh"): string {
  return uiLocale === "zh" ? "zh-CN" : "en";
}

type Props = {
  value: string;
  readOnly?: boolean;
  label: string;
  /** Called with a valid tag, or "" for "any locale"; a tag being typed is kept here until it is valid. */
  onChange: (locale: string) => void;
};

/** A locale tag with suggestions; only a valid tag (or nothing) reaches the document. */
export function LocaleInput({ value, readOnly, label, onChange }: Props) {
  const { t } = useLocale();
  const listId = useId();
  const [draft, setDraft] = useState(value);
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setDraft(value);
  }
  const valid = draft.trim() === "" || localeSchema.safeParse(draft.trim()).success;
  return (
    <>
      <input
        aria-label={label}
        aria-invalid={!valid}
        title={valid ? undefined : t("scripts.localeInvalid")}
        list={listId}
        value={draft}
        placeholder={t("scripts.anyLocale")}
        size={8}
        readOnly={readOnly}
        onChange={(e) => {
          const next = e.target.value;
          setDraft(next);
          if (next.trim() === "" || localeSchema.safeParse(next.trim()).success) {
            setShown(next.trim());
            onChange(next.trim());
          }
        }}
      />
      <datalist id={listId}>
        {commonLocales.map((l) => (
          <option key={l} value={l} />
        ))}
      </datalist>
    </>
  );
}
