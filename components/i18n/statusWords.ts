import { isMessageKey, messages, type Locale } from "./messages";

/**
 * The runtime's enumerations the studio shows people, by kind: an interaction's or a message's status,
 * why a message was held or skipped, an interaction's outcome (an end node's, or the runtime's own such
 * as `cancelled`), what kind of message went out, a messaging cap's window, a channel, a variable's type.
 */
export type WordKind = "status" | "reason" | "outcome" | "messageKind" | "window" | "channel" | "varType";

const prefixes: Record<WordKind, string> = {
  status: "status.",
  reason: "reason.",
  outcome: "outcome.",
  messageKind: "messageKind.",
  window: "window.",
  channel: "value.",
  varType: "varType.",
};

/** `value` in `locale`; a value without a text (a designer's own outcome, a new code) as it is. */
export function statusWord(kind: WordKind, value: string, locale: Locale): string {
  const key = `${prefixes[kind]}${value}`;
  return isMessageKey(key) ? messages[locale][key] : value;
}
