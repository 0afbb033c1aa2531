/** A `{{ … }}` output or `{% … %}` tag in template text, as offsets `[start, end)`. */
export type LiquidRegion = { start: number; end: number; kind: "output" | "tag"; name: string };

export type LiquidScan = { regions: LiquidRegion[]; maxDepth: number };

const BLOCK_TAGS = new Set(["if", "unless", "for", "case", "capture", "tablerow", "comment"]);
const ENDRAW = /\{%-?\s*endraw\s*-?%\}/g;

/**
 * Finds Liquid regions (so light markup is looked for only outside them) and the deepest block
 * nesting (so a hostile template nested thousands deep is refused before the recursive parser runs).
 * Quotes inside a region are respected, as liquidjs does. An unclosed region runs to the end.
 */
export function scanLiquid(text: string): LiquidScan {
  const regions: LiquidRegion[] = [];
  let depth = 0;
  let maxDepth = 0;
  const enter = (name: string): void => {
    if (BLOCK_TAGS.has(name)) maxDepth = Math.max(maxDepth, ++depth);
    else if (name.startsWith("end") && BLOCK_TAGS.has(name.slice(3))) depth = Math.max(0, depth - 1);
  };
  let i = text.indexOf("{");
  while (i !== -1 && i < text.length - 1) {
    const next = text[i + 1];
    if (next !== "{" && next !== "%") {
      i = text.indexOf("{", i + 1);
      continue;
    }
    const kind = next === "{" ? "output" : "tag";
    const close = kind === "output" ? "}}" : "%}";
    const closeAt = findClose(text, i + 2, close);
    const end = closeAt === -1 ? text.length : closeAt + 2;
    const inner = text.slice(i + 2, closeAt === -1 ? text.length : closeAt);
    const name = kind === "tag" ? (/^-?\s*([\w#]+)/.exec(inner)?.[1] ?? "") : "";
    regions.push({ start: i, end, kind, name });
    if (name === "liquid") for (const line of inner.split("\n")) enter(/^\s*-?\s*(\w+)/.exec(line)?.[1] ?? "");
    else enter(name);
    if (name === "raw") {
      ENDRAW.lastIndex = end;
      const m = ENDRAW.exec(text);
      if (!m) break;
      regions.push({ start: m.index, end: m.index + m[0].length, kind: "tag", name: "endraw" });
      i = text.indexOf("{", m.index + m[0].length);
      continue;
    }
    i = text.indexOf("{", end);
  }
  return { regions, maxDepth };
}

/** Offset of `close`, skipping quoted strings; -1 when unclosed. */
function findClose(text: string, from: number, close: string): number {
  let quote = "";
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if (quote) {
      if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === close[0] && text[j + 1] === close[1]) return j;
  }
  return -1;
}
