import type { MessageCategory, QuietHours } from "../schema/policyDocument";
import { instantAt, localTime, minutesOfDay } from "./zonedTime";

/**
 * When the quiet hours holding a message at `instant` end, in the customer's zone; undefined when the
 * message may go now (outside quiet hours, a category they do not hold, or transactional).
 */
export function quietHoursEnd(
  instant: number,
  zone: string,
  quiet: QuietHours | undefined,
  category: MessageCategory,
): number | undefined {
  if (!quiet || category === "transactional" || !quiet.categories.includes(category)) return undefined;
  const start = minutesOfDay(quiet.start);
  const end = minutesOfDay(quiet.end);
  if (start === end) return undefined;
  const local = localTime(instant, zone);
  const now = local.minutes;
  const wraps = start > end; // 21:00–08:00 spans midnight
  const inQuiet = wraps ? now >= start || now < end : now >= start && now < end;
  if (!inQuiet) return undefined;
  // Ends today when we are before `end` (after midnight, or a same-day window); else tomorrow.
  const endsToday = now < end;
  const day = new Date(Date.UTC(local.year, local.month - 1, local.day + (endsToday ? 0 : 1)));
  return instantAt(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), end, zone);
}
