/** The replies that withdraw consent for the channel they came on (CONTRACT §7). */
export const OPT_OUT_WORDS = ["T", "TD", "退订", "STOP"] as const;

/**
 * Whether a customer's reply is an opt-out: one of the words alone, ignoring case, surrounding
 * spaces and punctuation, and full-width letters (`Ｔ`, `ｔｄ`).
 */
export function isOptOut(text: string): boolean {
  const word = text
    .normalize("NFKC")
    .trim()
    .replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, "")
    .toUpperCase();
  return (OPT_OUT_WORDS as readonly string[]).includes(word);
}
