import type { Channel } from "../schema/common";
import { channels } from "../schema/common";
import type { JsonValue } from "../expressions";

type CustomerView = { [key: string]: JsonValue | undefined };

const isChannel = (value: unknown): value is Channel =>
  typeof value === "string" && (channels as readonly string[]).includes(value);

/**
 * Whether the customer can be reached on a channel: consent not withdrawn (`customer.consent.sms ==
 * false` withdraws it) and, for a customer whose addresses are known (`customer.addresses`), an
 * address on it. A customer with no address on file is reached however the channel routes them.
 */
export function reachable(customer: CustomerView, channel: Channel): boolean {
  if (consentWithdrawn(customer, channel)) return false;
  const addresses = customer.addresses;
  if (addresses && typeof addresses === "object" && !Array.isArray(addresses))
    return typeof addresses[channel] === "string";
  return true;
}

/**
 * The channels a message may go out on, best first: the one named (or for `preferred` the customer's
 * preferred channel when the flow can use it), then the node's fallbacks in order, then (for
 * `preferred` without fallbacks) the flow's first channel — each only if the customer is reachable on it.
 */
export function channelCandidates(
  requested: string,
  fallback: readonly string[],
  customer: CustomerView,
  flowChannels: readonly Channel[],
): Channel[] {
  const ordered: Channel[] = [];
  if (requested === "preferred") {
    const preferred = customer.preferredChannel;
    if (isChannel(preferred) && flowChannels.includes(preferred)) ordered.push(preferred);
  } else if (isChannel(requested)) ordered.push(requested);
  else return [];
  for (const channel of fallback) if (isChannel(channel)) ordered.push(channel);
  if (requested === "preferred" && flowChannels[0] !== undefined) ordered.push(flowChannels[0]);
  return [...new Set(ordered)].filter((channel) => reachable(customer, channel));
}

/** The channel a message goes out on (the first candidate); undefined when the customer is reachable on none. */
export function resolveChannel(
  requested: string,
  fallback: readonly string[],
  customer: CustomerView,
  flowChannels: readonly Channel[],
): Channel | undefined {
  return channelCandidates(requested, fallback, customer, flowChannels)[0];
}

/** After a delivery on `failed` fails, the next channel to try: the first candidate not tried yet. */
export function nextChannel(candidates: readonly string[], tried: readonly string[]): Channel | undefined {
  return candidates.filter(isChannel).find((channel) => !tried.includes(channel));
}

/**
 * Why a message reaches the customer on no channel: the channel it would have gone out on (the one named,
 * else the preferred one the flow can use, else the first fallback, else the flow's first channel) and
 * whether consent or an address is missing there. Undefined when no channel of the flow fits at all.
 */
export function unreachableReason(
  requested: string,
  fallback: readonly string[],
  customer: CustomerView,
  flowChannels: readonly Channel[],
): { channel: Channel; reason: "NO_CONSENT" | "NO_ADDRESS" } | undefined {
  const preferred = customer.preferredChannel;
  const first =
    requested === "preferred"
      ? isChannel(preferred) && flowChannels.includes(preferred)
        ? preferred
        : (fallback.find(isChannel) ?? flowChannels[0])
      : isChannel(requested)
        ? requested
        : undefined;
  if (first === undefined) return undefined;
  return { channel: first, reason: consentWithdrawn(customer, first) ? "NO_CONSENT" : "NO_ADDRESS" };
}

/** `customer.consent.<channel> == false`: the customer withdrew consent for the channel. */
function consentWithdrawn(customer: CustomerView, channel: Channel): boolean {
  const consent = customer.consent;
  return !!consent && typeof consent === "object" && !Array.isArray(consent) && consent[channel] === false;
}
