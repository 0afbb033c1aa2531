import type { ScriptToken, TextRun } from "./tokenizeRendered";

const MARKUP_CHARS = /[\\*[\]]/g;
const HREF_BREAKERS = /[()]/g;

/** Escapes the characters the light markup uses, so text (template or value) shows as typed. */
export function escapeLightMarkup(s: string): string {
  return s.replace(MARKUP_CHARS, (c) => "\\" + c);
}

/**
 * Text with the light markup kept as text (`**bold**`, `[text](url)`), for chat clients that render
 * it. Every text character is escaped, so only the template's own markup is markup: a customer named
 * `**x**` or `[a](javascript:…)` shows literally. Unsafe links become their words; pauses vanish.
 */
export function toMarkdownText(tokens: readonly ScriptToken[]): string {
  let out = "";
  for (const t of tokens) {
    if (t.kind === "text") out += run(t);
    else if (t.kind === "link") {
      const words = t.children.map(run).join("");
      out += t.href ? `[${words}](${t.href.replace(HREF_BREAKERS, (c) => (c === "(" ? "%28" : "%29"))})` : words;
    }
  }
  return out;
}

function run(r: TextRun): string {
  const text = escapeLightMarkup(r.text);
  if (!r.bold || !text.trim()) return text;
  const lead = /^\s*/.exec(text)?.[0] ?? "";
  const trail = /\s*$/.exec(text)?.[0] ?? "";
  return `${lead}**${text.trim()}**${trail}`;
}
