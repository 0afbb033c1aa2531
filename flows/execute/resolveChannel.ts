import type { Channel } from "../schema/common";
import { channels } from "../schema/common";
import type { JsonValue } from "../expressions";

/**
 * The channel a message goes out on: the one named, or for `preferred` the customer's preferred
 * channel when the flow can use it, then each fallback in turn, then the flow's first channel.
 */
export function resolveChannel(
  requested: string,
  fallback: readonly string[],
  customer: { [key: string]: JsonValue | undefined },
  flowChannels: readonly Channel[],
): Channel | undefined {
  const isChannel = (value: unknown): value is Channel =>
    typeof value === "string" && (channels as readonly string[]).includes(value);
  if (requested !== "preferred") return isChannel(requested) ? requested : undefined;
  const preferred = customer.preferredChannel;
  if (isChannel(preferred) && flowChannels.includes(preferred)) return preferred;
  for (const channel of fallback) if (isChannel(channel)) return channel;
  return flowChannels[0];
}
