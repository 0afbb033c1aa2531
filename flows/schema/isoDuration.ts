import { parse } from "tinyduration";

export type IsoDuration = {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
};

const cache = new Map<string, IsoDuration | undefined>();

/** Parses an ISO 8601 duration (`P3D`, `PT1H30M`); undefined when it is not one or is negative. */
export function parseIsoDuration(text: string): IsoDuration | undefined {
  if (cache.has(text)) return cache.get(text);
  let result: IsoDuration | undefined;
  try {
    const parsed = parse(text);
    result = parsed.negative
      ? undefined
      : {
          years: parsed.years ?? 0,
          months: parsed.months ?? 0,
          weeks: parsed.weeks ?? 0,
          days: parsed.days ?? 0,
          hours: parsed.hours ?? 0,
          minutes: parsed.minutes ?? 0,
          seconds: parsed.seconds ?? 0,
        };
  } catch {
    result = undefined;
  }
  if (cache.size < 10_000) cache.set(text, result);
  return result;
}

/**
 * Adds a duration to an instant (milliseconds since the epoch), calendar-aware for years, months
 * and days in UTC: `P1M` from 31 January lands on the last day of February.
 */
export function addIsoDuration(epochMs: number, duration: IsoDuration): number {
  const date = new Date(epochMs);
  if (duration.years || duration.months) {
    const day = date.getUTCDate();
    date.setUTCDate(1);
    date.setUTCMonth(date.getUTCMonth() + duration.years * 12 + duration.months);
    const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
    date.setUTCDate(Math.min(day, lastDay));
  }
  if (duration.weeks || duration.days) date.setUTCDate(date.getUTCDate() + duration.weeks * 7 + duration.days);
  return date.getTime() + ((duration.hours * 60 + duration.minutes) * 60 + duration.seconds) * 1000;
}
