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
import { MAX_PAUSE_MS, type PreparedTemplate } from "./prepareText";
import { scanLiquid } from "./scanLiquid";
import { chipFormats, isChipFormat } from "./chipFormats";
import type { TiptapMark, TiptapNode } from "./scriptDocument";

const VARIABLE_PATH = /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[\d+\])*$/;
const INLINE = new Set(["text", "hardBreak", "variable", "mention", "pause"]);

/**
 * Turns the editor's Tiptap JSON into the same prepared template a `text` variant becomes: marks
 * become markup sentinels directly (text typed in the editor is literal, so `**` in a text node stays
 * `**`), a variable chip becomes `{{ name | default: … }}`, a conditional block `{% if … %}…{% endif %}`.
 * Text nodes may still hold Liquid typed by hand. Unknown nodes render their children.
 */
export function docToTemplate(doc: TiptapNode): PreparedTemplate {
  const source = node(doc);
  return { source, maxDepth: scanLiquid(source).maxDepth };
}

function node(n: TiptapNode): string {
  switch (n.type) {
    case "text":
      return withMarks(stripSentinels(n.text ?? ""), n.marks ?? []);
    case "hardBreak":
      return "\n";
    case "variable":
    case "mention":
      // A chip may be bold or a link's text, like any text.
      return withMarks(variable(n), n.marks ?? []);
    case "pause": {
      const ms = Number(n.attrs?.ms ?? n.attrs?.duration ?? 0);
      return Number.isFinite(ms) && ms > 0
        ? PAUSE_OPEN + String(Math.min(MAX_PAUSE_MS, Math.round(ms))) + PAUSE_CLOSE
        : "";
    }
    case "conditional": {
      const when = typeof n.attrs?.when === "string" ? n.attrs.when.replace(/\s+/g, " ").trim() : "";
      const body = children(n, "\n\n");
      return when ? `{% if ${when} %}${body}{% endif %}` : body;
    }
    case "bulletList":
      return (n.content ?? []).map((item) => "• " + children(item, "\n")).join("\n");
    case "orderedList": {
      const start = Number(n.attrs?.start ?? 1);
      return (n.content ?? [])
        .map((item, i) => `${(Number.isFinite(start) ? start : 1) + i}. ` + children(item, "\n"))
        .join("\n");
    }
    default:
      return children(n, "\n\n");
  }
}

/** Inline children are joined as they are; block children by `blockSeparator`. */
function children(n: TiptapNode, blockSeparator: string): string {
  const content = n.content ?? [];
  const parts = content.map(node);
  const inline = n.type === "paragraph" || n.type === "heading" || content.every((c) => INLINE.has(c.type));
  return parts.join(inline ? "" : blockSeparator);
}

function withMarks(text: string, marks: readonly TiptapMark[]): string {
  let out = text;
  if (marks.some((m) => m.type === "bold" || m.type === "strong")) out = BOLD_OPEN + out + BOLD_CLOSE;
  const link = marks.find((m) => m.type === "link");
  const href = link?.attrs?.href;
  if (typeof href === "string" && href) out = LINK_OPEN + out + LINK_HREF + stripSentinels(href) + LINK_CLOSE;
  return out;
}

function variable(n: TiptapNode): string {
  const name = n.attrs?.name ?? n.attrs?.id;
  if (typeof name !== "string" || !VARIABLE_PATH.test(name)) return "";
  // Formatted first, so a missing value (which the filter leaves empty) still gets its default.
  const format = isChipFormat(n.attrs?.format) ? ` | ${chipFormats[n.attrs.format]}` : "";
  const fallback = n.attrs?.default ?? n.attrs?.fallback;
  if (typeof fallback !== "string" || fallback === "") return `{{ ${name}${format} }}`;
  const quote = fallback.includes('"') ? "'" : '"';
  return `{{ ${name}${format} | default: ${quote}${stripSentinels(fallback).replaceAll(quote, "")}${quote} }}`;
}
