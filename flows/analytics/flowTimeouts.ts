// The longest a flow may keep an interaction waiting on its own timers (CONTRACT §8: an interaction
// still waiting past it counts as dropped at its node).
import { addIsoDuration, parseIsoDuration } from "../schema/isoDuration";

/** The longest `timeout` or `duration` of the document's nodes, in ms; null when none waits on a timer. */
export function longestTimeoutMs(nodes: readonly { data?: unknown }[], fromMs = Date.UTC(2000, 0, 1)): number | null {
  let longest: number | null = null;
  for (const node of nodes) {
    for (const name of ["timeout", "duration"]) {
      const value: unknown =
        node.data !== null && typeof node.data === "object" ? Reflect.get(node.data, name) : undefined;
      const duration = typeof value === "string" ? parseIsoDuration(value) : undefined;
      if (!duration) continue;
      const ms = addIsoDuration(fromMs, duration) - fromMs;
      if (longest === null || ms > longest) longest = ms;
    }
  }
  return longest;
}
