import type { Locale } from "./messages";

const tags: Record<Locale, string> = { en: "en-GB", zh: "zh-CN" };

/**
 * A moment in the studio's language, not the browser's: `toLocaleString()` alone follows the browser,
 * so a Chinese studio in an English browser showed `12/1/2026, 2:05:00 PM`.
 */
export function formatDateTime(value: string | number | Date, locale: Locale): string {
  return new Date(value).toLocaleString(tags[locale], { dateStyle: "medium", timeStyle: "short" });
}

export function formatDate(value: string | number | Date, locale: Locale): string {
  return new Date(value).toLocaleDateString(tags[locale], { dateStyle: "medium" });
}
