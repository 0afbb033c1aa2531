import { escapeXml } from "./escapeXml";
import type { ScriptToken, TextRun } from "./tokenizeRendered";

/**
 * Well-formed SSML: every character of text, template or customer value, is XML-escaped, so a value
 * like `<break time="10s"/>` is read aloud, not obeyed. Only `[pause]` markup from the template
 * becomes `<break>`, and bold becomes `<emphasis>`. Links are spoken as their words.
 */
export function toSsml(tokens: readonly ScriptToken[]): string {
  let out = "<speak>";
  const run = (r: TextRun): string => (r.bold ? `<emphasis>${escapeXml(r.text)}</emphasis>` : escapeXml(r.text));
  for (const t of tokens) {
    if (t.kind === "text") out += run(t);
    else if (t.kind === "link") out += t.children.map(run).join("");
    else out += `<break time="${Math.max(0, Math.round(t.ms))}ms"/>`;
  }
  return out.trim() + "</speak>";
}
