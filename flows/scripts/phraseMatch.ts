/**
 * Finding a fixed phrase in script text, for the workspace's forbidden phrases and required disclosures.
 * Both sides are NFKC-normalised and case-folded, so full-width letters (ＳＴＯＰ) and ＳＴＯＰ/stop match.
 * Chinese has no spaces between words, so a Han phrase matches as a substring (不知道 in 我不知道啊); a
 * phrase that starts or ends with a Latin letter or digit must start or end at a word boundary there
 * (`no` does not match inside `know`). No stemming or fuzzy matching: fixed phrases only.
 */
export function findPhrase(text: string, phrase: string, from = 0): number {
  const needle = normalisePhrase(phrase);
  if (!needle) return -1;
  const hay = normalisePhrase(text);
  const wordStart = isWordChar(needle[0]);
  const wordEnd = isWordChar(needle[needle.length - 1]);
  for (let at = hay.indexOf(needle, from); at !== -1; at = hay.indexOf(needle, at + 1)) {
    if (wordStart && isWordChar(hay[at - 1])) continue;
    if (wordEnd && isWordChar(hay[at + needle.length])) continue;
    return at;
  }
  return -1;
}

export function containsPhrase(text: string, phrase: string): boolean {
  return findPhrase(text, phrase) !== -1;
}

/** NFKC, lower case, runs of spaces and tabs as one space (lines kept). Offsets are into this form. */
export function normalisePhrase(s: string): string {
  return s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\S\n]+/g, " ");
}

/**
 * `text` with every occurrence of `phrase` (matched as findPhrase does) replaced by `replacement`: the
 * one-click fix of a forbidden phrase. Text that only matches once normalised (full-width letters) is
 * normalised where it is replaced.
 */
export function replacePhrase(text: string, phrase: string, replacement: string): string {
  const needle = phrase.normalize("NFKC").trim();
  if (!needle || findPhrase(text, needle) === -1) return text;
  const body = needle
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("\\s+");
  const start = isWordChar(needle[0]) ? WORD_BEFORE : "";
  const end = isWordChar(needle[needle.length - 1]) ? WORD_AFTER : "";
  const re = new RegExp(`${start}${body}${end}`, "giu");
  const direct = text.replace(re, () => replacement);
  return direct !== text ? direct : text.normalize("NFKC").replace(re, () => replacement);
}

const WORD = "(?![\\p{sc=Han}\\p{sc=Hira}\\p{sc=Kana}\\p{sc=Hang}])[\\p{L}\\p{N}]";
const WORD_BEFORE = `(?<!${WORD})`;
const WORD_AFTER = `(?!${WORD})`;

/** A letter or digit of a script that writes spaces between words (Latin, Cyrillic, Greek…). */
function isWordChar(ch: string | undefined): boolean {
  return (
    ch !== undefined &&
    /[\p{L}\p{N}]/u.test(ch) &&
    !/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(ch)
  );
}
