import {
  BOLD_CLOSE,
  BOLD_OPEN,
  LINK_CLOSE,
  LINK_HREF,
  LINK_OPEN,
  PAUSE_CLOSE,
  PAUSE_OPEN,
  stripSentinels,
} from "./markupSentinels";
import { scanLiquid } from "./scanLiquid";

/** Liquid source whose light markup has become sentinels, and its deepest block nesting. */
export type PreparedTemplate = { source: string; maxDepth: number };

const MASK = "\u0001";
const PAUSE = /\[pause\s+(\d{1,6}(?:\.\d{1,3})?)\s*(ms|s)\]/gi;
/** `[text](url)`; the URL may hold one level of balanced parentheses, as in Markdown. */
const LINK = /\[([^[\]\n]+)\]\(((?:[^()\s]|\([^()\s]*\))+)\)/dg;
const BOLD = /\*\*(?=[^\s*])([^\n]*?[^\s*])\*\*/dg;
/** Longest pause SSML engines accept. */
export const MAX_PAUSE_MS = 10_000;

/**
 * Parses the light markup of an author's template BEFORE Liquid runs: `**bold**`, `[text](url)`,
 * `[pause 300ms]`. Markup is looked for only outside `{{ }}`/`{% %}` (a parallel "mask" hides them),
 * so a link's URL may hold Liquid (`[Pay](https://x/{{ bill.id }})`) and a value can never be markup.
 * Newlines are kept, so Liquid error lines still match the author's text.
 */
export function prepareText(text: string): PreparedTemplate {
  const orig = stripSentinels(text.replace(/\r\n?/g, "\n"));
  const scan = scanLiquid(orig);
  if (!orig.includes("*") && !orig.includes("[")) return { source: orig, maxDepth: scan.maxDepth };
  let mask = orig;
  if (scan.regions.length) {
    const longest = scan.regions.reduce((n, r) => Math.max(n, r.end - r.start), 0);
    const filler = MASK.repeat(longest);
    mask = "";
    let last = 0;
    for (const r of scan.regions) {
      mask += orig.slice(last, r.start) + filler.slice(0, r.end - r.start);
      last = r.end;
    }
    mask += orig.slice(last);
  }
  let pair: Pair = { orig, mask };
  pair = replaceBoth(pair, PAUSE, (m) => {
    const ms = Math.min(MAX_PAUSE_MS, Math.round(Number(m[1]) * (m[2]?.toLowerCase() === "s" ? 1000 : 1)));
    const out = PAUSE_OPEN + String(ms) + PAUSE_CLOSE;
    return [out, out];
  });
  pair = replaceBoth(pair, LINK, (m, p) => {
    const [ts, te] = m.indices?.[1] ?? [0, 0];
    const [us, ue] = m.indices?.[2] ?? [0, 0];
    return [
      LINK_OPEN + p.orig.slice(ts, te) + LINK_HREF + p.orig.slice(us, ue) + LINK_CLOSE,
      LINK_OPEN + p.mask.slice(ts, te) + LINK_HREF + MASK.repeat(ue - us) + LINK_CLOSE,
    ];
  });
  pair = replaceBoth(pair, BOLD, (m, p) => {
    const [s, e] = m.indices?.[1] ?? [0, 0];
    return [BOLD_OPEN + p.orig.slice(s, e) + BOLD_CLOSE, BOLD_OPEN + p.mask.slice(s, e) + BOLD_CLOSE];
  });
  return { source: pair.orig, maxDepth: scan.maxDepth };
}

type Pair = { orig: string; mask: string };

/** Runs `re` over the mask and splices the same replacement into both strings. */
function replaceBoth(p: Pair, re: RegExp, make: (m: RegExpExecArray, p: Pair) => [string, string]): Pair {
  re.lastIndex = 0;
  let m = re.exec(p.mask);
  if (!m) return p;
  const orig: string[] = [];
  const mask: string[] = [];
  let last = 0;
  for (; m; m = re.exec(p.mask)) {
    const [o, k] = make(m, p);
    orig.push(p.orig.slice(last, m.index), o);
    mask.push(p.mask.slice(last, m.index), k);
    last = m.index + m[0].length;
  }
  orig.push(p.orig.slice(last));
  mask.push(p.mask.slice(last));
  return { orig: orig.join(""), mask: mask.join("") };
}
