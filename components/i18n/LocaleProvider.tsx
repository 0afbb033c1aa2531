"use client";

import { createContext, useCallback, useContext, useMemo, useState } from "react";
import type { ReactNode } from "react";
import { fillPlaceholders, isMessageKey, LOCALE_COOKIE, messages } from "./messages";
import type { Locale, MessageKey } from "./messages";
import type { Diagnostic } from "../../flows/diagnostics";
import { diagnosticText } from "./diagnosticTexts";
import { statusWord, type WordKind } from "./statusWords";

type LocaleState = {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: (key: MessageKey, values?: Record<string, string | number>) => string;
  /** How to show one of the flow language's values (a stage, a channel, …); unknown values as they are. */
  label: (value: string) => string;
  /** A validator finding in this language (as the validator worded it where no text is known). */
  diagnostic: (finding: Diagnostic) => string;
  /** One of the runtime's enumerations (a status, a reason, an outcome…) in this language (statusWords.ts). */
  word: (kind: WordKind, value: string) => string;
};

const LocaleContext = createContext<LocaleState | undefined>(undefined);

export function LocaleProvider({ initialLocale, children }: { initialLocale: Locale; children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
    document.documentElement.lang = next === "zh" ? "zh-CN" : "en";
  }, []);
  const t = useCallback(
    (key: MessageKey, values?: Record<string, string | number>) => {
      const text = messages[locale][key] ?? key;
      return values ? fillPlaceholders(text, values) : text;
    },
    [locale],
  );
  const label = useCallback(
    (value: string) => {
      const key = `value.${value}`;
      return isMessageKey(key) ? messages[locale][key] : value;
    },
    [locale],
  );
  const diagnostic = useCallback((finding: Diagnostic) => diagnosticText(finding, locale, label), [locale, label]);
  const word = useCallback((kind: WordKind, value: string) => statusWord(kind, value, locale), [locale]);
  const value = useMemo(
    () => ({ locale, setLocale, t, label, diagnostic, word }),
    [locale, setLocale, t, label, diagnostic, word],
  );
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleState {
  const state = useContext(LocaleContext);
  if (!state) throw new Error("useLocale needs a LocaleProvider above it");
  return state;
}
