import type { Channel } from "../schema/common";
import type { MessageCategory, PolicyDocument } from "../schema/policyDocument";
import { checkCaps, type SentMessage } from "./caps";
import { quietHoursEnd } from "./quietHours";

/** Why the policy held a message back, as recorded on it (`outbox.reason`). */
export type PolicyReason = "QUIET_HOURS" | "CAPPED" | "NO_CONSENT" | "NO_ADDRESS";

export type MessageDecision =
  | { action: "send" }
  | { action: "defer"; until: number; reason: PolicyReason }
  | { action: "skip"; reason: PolicyReason }
  | { action: "fallback"; channel: Channel; reason: PolicyReason };

export type PolicyMessage = {
  /** Spreads deferrals: the same message always gets the same offset. */
  id: string;
  channel: string;
  category: MessageCategory;
  /** Channels the node allows after this one, in order (for `whenCapped: fallback`). */
  fallback: readonly Channel[];
};

export type PolicyCustomer = {
  timezone?: string | null;
  /** Channels the customer can be reached on (an address and consent). */
  reachable: (channel: Channel) => boolean;
};

/** How far past the end of quiet hours (or the cap's release) deferred messages are spread. */
export const DEFER_SPREAD_MS = 30 * 60_000;

/**
 * What the workspace policy does with one message due at `now`: send it, defer it (quiet hours, or a
 * cap with `whenCapped: defer`), skip it, or move it to the next allowed channel. Pure; the history is
 * what already went out to the customer (including messages approved earlier in the same batch).
 */
export function decideMessage(
  policy: PolicyDocument,
  message: PolicyMessage,
  customer: PolicyCustomer,
  history: readonly SentMessage[],
  now: number,
): MessageDecision {
  if (message.category === "transactional") return { action: "send" };
  const zone = customer.timezone && isZone(customer.timezone) ? customer.timezone : (policy.timezone ?? "UTC");
  const quietEnd = quietHoursEnd(now, zone, policy.quietHours, message.category);
  if (quietEnd !== undefined) return { action: "defer", until: quietEnd + spread(message.id), reason: "QUIET_HOURS" };
  const verdict = checkCaps(policy.caps, history, message.category, message.channel, now);
  if (!verdict.capped) return { action: "send" };
  if (policy.whenCapped === "defer" && Number.isFinite(verdict.allowedAt))
    return { action: "defer", until: verdict.allowedAt + spread(message.id), reason: "CAPPED" };
  if (policy.whenCapped === "fallback") {
    for (const channel of message.fallback) {
      if (channel === message.channel || !customer.reachable(channel)) continue;
      if (!checkCaps(policy.caps, history, message.category, channel, now).capped)
        return { action: "fallback", channel, reason: "CAPPED" };
    }
  }
  return { action: "skip", reason: "CAPPED" };
}

/** A stable offset in [0, DEFER_SPREAD_MS) from the message id (FNV-1a, then mixed). */
export function spread(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  // murmur3's finaliser: ids that differ in their last character land far apart.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b) >>> 0;
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35) >>> 0;
  hash ^= hash >>> 16;
  hash >>>= 0;
  return Math.floor((hash / 0x1_0000_0000) * DEFER_SPREAD_MS);
}

const zones = new Map<string, boolean>();
function isZone(zone: string): boolean {
  let known = zones.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat("en", { timeZone: zone });
      known = true;
    } catch {
      known = false;
    }
    zones.set(zone, known);
  }
  return known;
}
