/**
 * Light markup, once parsed from the author's template, travels through Liquid as private-use
 * characters. Customer values are stripped of this range on output (see `scriptLiquid.ts`), so no
 * value, whatever it contains, can open a link, a bold run or a pause: only the template can.
 */
export const BOLD_OPEN = "\uE000";
export const BOLD_CLOSE = "\uE001";
export const LINK_OPEN = "\uE002";
export const LINK_HREF = "\uE003";
export const LINK_CLOSE = "\uE004";
export const PAUSE_OPEN = "\uE005";
export const PAUSE_CLOSE = "\uE006";

export const SENTINEL_PATTERN = /[\uE000-\uE00F]/;
const SENTINELS_GLOBAL = /[\uE000-\uE00F]/g;

/** Removes every markup sentinel from a string (idempotent, so nested captures stay correct). */
export function stripSentinels(s: string): string {
  return SENTINEL_PATTERN.test(s) ? s.replace(SENTINELS_GLOBAL, "") : s;
}
