import { common } from "./common";
import { designer } from "./designer";
import { scripts } from "./scripts";
import { auth } from "./auth";
import { domain } from "./domain";
import { govern } from "./govern";
import { convert } from "./convert";
import { interactions } from "./interactions";
import { mot } from "./mot";
import { analytics } from "./analytics";
import { invitations } from "./invitations";
import { compliance } from "./compliance";
import { newcomer } from "./newcomer";
import { statuses } from "./statuses";

/**
 * The studio's interface text, one module per area (add yours to `areas`). Each area gives the same
 * keys in English and Chinese; a Chinese text missing for an English key fails to compile.
 */
const areas = [
  area(common),
  area(designer),
  area(scripts),
  area(auth),
  area(domain),
  area(govern),
  area(convert),
  area(interactions),
  area(mot),
  area(analytics),
  area(invitations),
  area(compliance),
  area(newcomer),
  area(statuses),
] as const;

type KeysOf<A> = A extends { en: infer E } ? keyof E & string : never;
export type MessageKey = KeysOf<(typeof areas)[number]>;

export const locales = ["en", "zh"] as const;
export type Locale = (typeof locales)[number];

export const messages: Record<Locale, Record<MessageKey, string>> = {
  en: Object.assign({}, ...areas.map((a) => a.en)),
  zh: Object.assign({}, ...areas.map((a) => a.zh)),
};

function area<E extends Record<string, string>>(texts: { en: E; zh: { [K in keyof E]: string } }) {
  return texts;
}

/** `{name}` in `template` replaced by `values[name]` (placeholders without a value stay as they are). */
export function fillPlaceholders(
  template: string,
  values: Record<string, string | number>,
  show: (name: string, value: string) => string = (_name, value) => value,
): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.hasOwn(values, name) ? show(name, String(values[name])) : match,
  );
}

/** Whether `key` names an interface text (for keys built at run time, such as `value.<identifier>`). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(messages.en, key);
}

export const LOCALE_COOKIE = "journey-locale";

export function isLocale(value: unknown): value is Locale {
  return value === "en" || value === "zh";
}
