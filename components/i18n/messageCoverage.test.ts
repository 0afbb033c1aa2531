// Issue 14, item 14: every interface text has a Chinese text that is not just the English one.
import { describe, expect, it } from "vitest";
import { messages } from "./messages";

/**
 * Texts that are the same in both languages on purpose: names, codes and symbols a Chinese
 * contact-centre team reads as they are (SMS, VIP, JSON, an e-mail address pattern…).
 */
const sameInBothLanguages = new Set<string>([
  "versions.by", // v{version} · {who} · {when}
  "editor.exportCompiledShort", // XState, a library's name
]);

/** What a text reads as once placeholders, markup and symbols are out: the words a reader sees. */
function words(text: string): string {
  return text
    .replace(/\{\w+\}/g, "")
    .replace(/\{\{[^}]*\}\}|\{%[^%]*%\}/g, "")
    .replace(/[^\p{L}]+/gu, " ")
    .trim();
}

describe("interface texts in Chinese", () => {
  const en = messages.en;
  const zh = messages.zh;

  it("gives every English key a Chinese text and no Chinese key without an English one", () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    const empty = Object.entries(zh).filter(([, text]) => text.trim() === "");
    expect(empty).toEqual([]);
  });

  it("has no Chinese text that is the English one, unless it is the same in both on purpose", () => {
    const untranslated = Object.keys(en).filter((key) => {
      const k = key as keyof typeof en;
      return words(en[k]) !== "" && words(zh[k]) === words(en[k]) && !sameInBothLanguages.has(key);
    });
    expect(untranslated).toEqual([]);
  });

  it("has Chinese characters in every Chinese text that has words, except the names kept as they are", () => {
    const latinOnly = Object.keys(zh).filter((key) => {
      const text = words(zh[key as keyof typeof zh]);
      return text !== "" && !/\p{Script=Han}/u.test(text) && !sameInBothLanguages.has(key);
    });
    expect(latinOnly).toEqual([]);
  });
});
