// Wall-clock time in an IANA zone, with Intl only (flows/ is pure: no time-zone library needed for this).

export type LocalTime = { year: number; month: number; day: number; minutes: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let found = formatters.get(zone);
  if (!found) {
    found = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
    });
    formatters.set(zone, found);
  }
  return found;
}

/** The date and minute of the day an instant shows on a clock in `zone`. */
export function localTime(instant: number, zone: string): LocalTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(new Date(instant)))
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    minutes: (parts.hour ?? 0) * 60 + (parts.minute ?? 0),
  };
}

/**
 * The instant a clock in `zone` shows `minutes` past midnight on the given day (a time skipped by a
 * daylight-saving jump resolves to the instant just after the jump).
 */
export function instantAt(year: number, month: number, day: number, minutes: number, zone: string): number {
  const wanted = Date.UTC(year, month - 1, day) + minutes * 60_000;
  let guess = wanted;
  for (let i = 0; i < 3; i++) {
    const shown = localTime(guess, zone);
    const shownMs = Date.UTC(shown.year, shown.month - 1, shown.day) + shown.minutes * 60_000;
    const diff = wanted - shownMs;
    if (diff === 0) return guess - (guess % 60_000);
    guess += diff;
  }
  return guess - (guess % 60_000);
}

/** "21:00" → 1260. */
export function minutesOfDay(time: string): number {
  const [hours = "0", minutes = "0"] = time.split(":");
  return Number(hours) * 60 + Number(minutes);
}
