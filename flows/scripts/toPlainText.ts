import type { ScriptToken, TextRun } from "./tokenizeRendered";

/** How a link reads in plain text, given its text and its safe href. */
export type LinkFormat = (text: string, href: string) => string;

/** `点击缴费 https://…` — the URL after its words (or alone when the words are the URL). */
export const linkAfterText: LinkFormat = (text, href) =>
  !text.trim() || text.trim() === href ? href : `${text} ${href}`;
/** `Pay now (https://…)` — the convention of plain-text email parts. */
export const linkInParentheses: LinkFormat = (text, href) =>
  !text.trim() || text.trim() === href ? href : `${text} (${href})`;

export function runsText(runs: readonly TextRun[]): string {
  return runs.map((r) => r.text).join("");
}

/** The tokens as plain text: bold is dropped, pauses are silent, unsafe links keep only their words. */
export function toPlainText(tokens: readonly ScriptToken[], link: LinkFormat = linkAfterText): string {
  let out = "";
  for (const t of tokens) {
    if (t.kind === "text") out += t.text;
    else if (t.kind === "link") out += t.href ? link(runsText(t.children), t.href) : runsText(t.children);
  }
  return out;
}

/** A subject line or push title: plain, on one line (no header injection through a value's newline). */
export function toPlainLine(tokens: readonly ScriptToken[]): string {
  return toPlainText(tokens).replace(/\s+/g, " ").trim();
}
