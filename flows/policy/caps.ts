import type { Channel } from "../schema/common";
import { addIsoDuration, parseIsoDuration } from "../schema/isoDuration";
import type { Cap, MessageCategory } from "../schema/policyDocument";

/** A message that went out to the customer (sent or delivered), as caps count it. */
export type SentMessage = { at: number; channel: string; category: MessageCategory };

export type CapVerdict = { capped: false } | { capped: true; cap: Cap; allowedAt: number };

/** The start of a cap's window ending at `now` (`P1D`: the last 24 hours; `P1M`: since a month ago). */
export function windowStart(now: number, per: string): number {
  const duration = parseIsoDuration(per);
  if (!duration) return now;
  const negated = {
    years: -duration.years,
    months: -duration.months,
    weeks: -duration.weeks,
    days: -duration.days,
    hours: -duration.hours,
    minutes: -duration.minutes,
    seconds: -duration.seconds,
  };
  return addIsoDuration(now, negated);
}

/** Whether a cap counts a message of this category on this channel. */
export function capApplies(cap: Cap, category: MessageCategory, channel: string): boolean {
  return cap.categories.includes(category) && (cap.channel === undefined || cap.channel === channel);
}

/**
 * Whether one more message of `category` on `channel` at `now` would exceed a cap, given what went
 * out already; when it would, the first cap exceeded and when it allows the message again (the
 * moment enough of the counted messages leave its window). Transactional messages are never capped.
 */
export function checkCaps(
  caps: readonly Cap[],
  history: readonly SentMessage[],
  category: MessageCategory,
  channel: Channel | string,
  now: number,
): CapVerdict {
  if (category === "transactional") return { capped: false };
  let worst: { cap: Cap; allowedAt: number } | undefined;
  for (const cap of caps) {
    if (!capApplies(cap, category, channel)) continue;
    const from = windowStart(now, cap.per);
    const counted = history
      .filter((m) => m.at > from && m.at <= now && capApplies(cap, m.category, m.channel))
      .map((m) => m.at)
      .sort((a, b) => a - b);
    if (counted.length < cap.max) continue;
    // Allowed once all but max-1 of the counted messages have left the window.
    const leaving = counted[counted.length - cap.max] ?? now;
    const allowedAt = cap.max === 0 ? Number.POSITIVE_INFINITY : leaving + (now - from);
    if (!worst || allowedAt > worst.allowedAt) worst = { cap, allowedAt };
  }
  return worst ? { capped: true, ...worst } : { capped: false };
}
