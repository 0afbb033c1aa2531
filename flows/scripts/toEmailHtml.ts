import { escapeXml } from "./escapeXml";
import type { ScriptToken, TextRun } from "./tokenizeRendered";

const PARAGRAPH_BREAK = /\n[ \t]*\n\s*/;

/**
 * Email HTML built from tokens, not sanitised after the fact: every text character is escaped, and
 * the only elements are the ones written here: `<p>`, `<br>`, `<strong>` and `<a>` with an href that
 * passed the protocol allowlist (http, https, mailto, tel). Nothing a value contains can become a tag
 * or an attribute. A blank line starts a paragraph; a single newline is a `<br>`.
 */
export function toEmailHtml(tokens: readonly ScriptToken[]): string {
  const paragraphs: string[] = [];
  let current = "";
  const breakParagraph = (): void => {
    paragraphs.push(current);
    current = "";
  };
  const emitRuns = (runs: readonly TextRun[], href: string | undefined): void => {
    const open = href ? `<a href="${escapeXml(href)}" target="_blank" rel="noopener noreferrer">` : "";
    const close = href ? "</a>" : "";
    runs.forEach((r, i) => {
      r.text.split(PARAGRAPH_BREAK).forEach((piece, j) => {
        if (j > 0) {
          if (href) current += close;
          breakParagraph();
        }
        if (href && (j > 0 || i === 0)) current += open;
        const html = escapeXml(piece).replace(/\n/g, "<br>\n");
        current += r.bold && piece.trim() ? `<strong>${html}</strong>` : html;
      });
    });
    if (href && runs.length) current += close;
  };
  for (const t of tokens) {
    if (t.kind === "text") emitRuns([t], undefined);
    else if (t.kind === "link") emitRuns(t.children, t.href);
  }
  breakParagraph();
  return paragraphs
    .map((p) => p.trim().replace(/^(<br>\n)+|(<br>\n)+$/g, ""))
    .filter((p) => p && !/^(<a [^>]*><\/a>)+$/.test(p))
    .map((p) => `<p>${p}</p>`)
    .join("\n");
}
