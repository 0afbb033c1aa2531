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

/** The longest duration a clock move or a flow's wait or timeout may take. */
export const MAX_DURATION_YEARS = 10;

/**
 * Whether `duration`, added to `fromMs` (a fixed instant when not given), lands at most
 * MAX_DURATION_YEARS later: `P99999Y` or `PT99999999999S` would leave the range of dates.
 */
export function isoDurationInRange(duration: IsoDuration, fromMs = Date.UTC(2000, 0, 1)): boolean {
  const end = addIsoDuration(fromMs, duration);
  const limit = addIsoDuration(fromMs, { ...ZERO, years: MAX_DURATION_YEARS });
  return Number.isFinite(end) && end <= limit;
}

const ZERO: IsoDuration = { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };
