import {
  BOLD_CLOSE,
  BOLD_OPEN,
  LINK_CLOSE,
  LINK_HREF,
  LINK_OPEN,
  PAUSE_CLOSE,
  PAUSE_OPEN,
  SENTINEL_PATTERN,
  stripSentinels,
} from "./markupSentinels";
import { safeHref } from "./safeHref";

/** A run of text, bold or not. Markup is a property of runs, so every serialiser nests correctly. */
export type TextRun = { kind: "text"; text: string; bold: boolean };
/** A link; `href` is undefined when its URL was unsafe (the link then renders as its text only). */
export type LinkToken = { kind: "link"; href: string | undefined; rawHref: string; children: TextRun[] };
export type PauseToken = { kind: "pause"; ms: number };
export type ScriptToken = TextRun | LinkToken | PauseToken;

/** Characters XML 1.0 forbids even escaped, plus lone surrogates: dropped from every channel. */
const INVALID_CHARS =
  // eslint-disable-next-line no-control-regex -- control characters are what this matches
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// eslint-disable-next-line no-control-regex -- control characters are what this matches
const NEEDS_CLEANING = /[\u0000-\u0008\u000B-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Makes rendered text safe to carry: no forbidden control characters, `\n` line ends. */
export function cleanText(s: string): string {
  return NEEDS_CLEANING.test(s) ? s.replace(/\r\n?/g, "\n").replace(INVALID_CHARS, "") : s;
}

/** Splits Liquid's output (markup still as sentinels) into runs, links and pauses. */
export function tokenizeRendered(rendered: string): ScriptToken[] {
  const s = cleanText(rendered);
  if (!SENTINEL_PATTERN.test(s)) return s ? [{ kind: "text", text: s, bold: false }] : [];
  const out: ScriptToken[] = [];
  let bold = false;
  let target: ScriptToken[] | TextRun[] = out;
  let buf = "";
  const flush = (): void => {
    if (!buf) return;
    const last = target[target.length - 1];
    if (last?.kind === "text" && last.bold === bold) last.text += buf;
    else target.push({ kind: "text", text: buf, bold });
    buf = "";
  };
  let linkEnd = -1;
  let link: LinkToken | undefined;
  const next = /[\uE000-\uE00F]/g;
  let i = 0;
  while (i < s.length) {
    // copy plain text up to the next sentinel (or the link's href marker) in one slice
    next.lastIndex = i;
    const found = next.exec(s);
    const at = found ? found.index : s.length;
    if (at > i) buf += s.slice(i, at);
    if (!found) break;
    i = at;
    const c = found[0];
    if (i === linkEnd && link) {
      flush();
      out.push(link);
      target = out;
      link = undefined;
      i = s.indexOf(LINK_CLOSE, i) + 1;
      continue;
    }
    switch (c) {
      case BOLD_OPEN:
      case BOLD_CLOSE:
        flush();
        bold = c === BOLD_OPEN;
        break;
      case PAUSE_OPEN: {
        const end = s.indexOf(PAUSE_CLOSE, i);
        const ms = end === -1 ? NaN : Number(s.slice(i + 1, end));
        if (Number.isFinite(ms) && end !== -1) {
          flush();
          if (!link) out.push({ kind: "pause", ms });
          i = end;
        }
        break;
      }
      case LINK_OPEN: {
        if (link) break;
        const hrefAt = s.indexOf(LINK_HREF, i);
        const closeAt = hrefAt === -1 ? -1 : s.indexOf(LINK_CLOSE, hrefAt);
        const nextOpen = s.indexOf(LINK_OPEN, i + 1);
        if (closeAt === -1 || (nextOpen !== -1 && nextOpen < closeAt)) break;
        flush();
        const rawHref = stripSentinels(s.slice(hrefAt + 1, closeAt));
        link = { kind: "link", href: safeHref(rawHref), rawHref, children: [] };
        target = link.children;
        linkEnd = hrefAt;
        break;
      }
    }
    i++;
  }
  flush();
  return out;
}
