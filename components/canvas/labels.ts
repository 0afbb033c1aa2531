import { messages } from "../i18n/messages";
import type { MessageKey } from "../i18n/messages";

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(messages.en, key);
}

/** A field's label in the interface language; the schema's own name when there is none. */
export function fieldLabel(t: (key: MessageKey) => string, name: string): string {
  const key = `field.${name}`;
  return isMessageKey(key) ? t(key) : name;
}
