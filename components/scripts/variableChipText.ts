// Pure helpers beside the variable chip (variableChip.ts): the editor's Tiptap JSON to and from the
// Liquid text of a `text` variant (`{{ customer.name | default: '客户' }}`, `**bold**`, `[link](url)`,
// `[pause 300ms]`). No DOM, no editor: tested on their own.
import type { TiptapMark, TiptapNode } from "../../flows/scripts/scriptDocument";
import { chipFormatOfFilter, chipFormats, isChipFormat, type ChipFormat } from "../../flows/scripts/chipFormats";

/**
 * `{{ name }}`, optionally with one of the chip formats (`| date: '%Y-%m-%d'`, `| number: 2`) and a
 * `| default: 'x'`: the only Liquid outputs that become chips.
 */
const CHIP =
  /\{\{-?\s*([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)\s*(?:\|\s*(date\s*:\s*(?:'[^']*'|"[^"]*")|number\s*:\s*\d+)\s*)?(?:\|\s*default\s*:\s*(?:'([^']*)'|"([^"]*)")\s*)?-?\}\}/y;
const PAUSE = /\[pause\s+(\d{1,6})\s*ms\]/y;
const LINK = /\[([^[\]\n]+)\]\(((?:[^()\s]|\([^()\s]*\))+)\)/y;
const BOLD = /\*\*(?=[^\s*])([^\n]*?[^\s*])\*\*/y;
const LIQUID = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/y;

export type VariableChipAttrs = { name: string; default?: string; format?: ChipFormat };

export function chipNode(attrs: VariableChipAttrs): TiptapNode {
  return {
    type: "variable",
    attrs: {
      name: attrs.name,
      ...(attrs.format ? { format: attrs.format } : {}),
      ...(attrs.default ? { default: attrs.default } : {}),
    },
  };
}

/** A `text` variant as an editor document: paragraphs on blank lines, chips for simple variables. */
export function textToDoc(text: string): TiptapNode {
  const paragraphs = text.replace(/\r\n?/g, "\n").split(/\n{2,}/);
  return { type: "doc", content: paragraphs.map((p) => ({ type: "paragraph", ...(p ? { content: inline(p) } : {}) })) };
}

function inline(text: string): TiptapNode[] {
  const out: TiptapNode[] = [];
  let plain = "";
  const flush = (marks: TiptapMark[] = []) => {
    if (plain) out.push(marks.length ? { type: "text", text: plain, marks } : { type: "text", text: plain });
    plain = "";
  };
  let i = 0;
  while (i < text.length) {
    const match = (re: RegExp) => ((re.lastIndex = i), re.exec(text));
    let m: RegExpExecArray | null;
    if (text[i] === "\n") {
      flush();
      out.push({ type: "hardBreak" });
      i += 1;
    } else if ((m = match(CHIP)) && (m[2] === undefined || chipFormatOfFilter(m[2]))) {
      flush();
      const format = m[2] === undefined ? undefined : chipFormatOfFilter(m[2]);
      out.push(chipNode({ name: m[1] ?? "", default: m[3] ?? m[4], format }));
      i += m[0].length;
    } else if ((m = match(LIQUID))) {
      plain += m[0]; // other Liquid stays as typed
      i += m[0].length;
    } else if ((m = match(PAUSE))) {
      flush();
      out.push({ type: "pause", attrs: { ms: Number(m[1]) } });
      i += m[0].length;
    } else if ((m = match(LINK))) {
      flush();
      out.push(...marked(inline(m[1] ?? ""), { type: "link", attrs: { href: m[2] ?? "" } }));
      i += m[0].length;
    } else if ((m = match(BOLD))) {
      flush();
      out.push(...marked(inline(m[1] ?? ""), { type: "bold" }));
      i += m[0].length;
    } else {
      plain += text[i];
      i += 1;
    }
  }
  flush();
  return out;
}

function marked(nodes: TiptapNode[], mark: TiptapMark): TiptapNode[] {
  return nodes.map((n) =>
    n.type === "text" || n.type === "variable" ? { ...n, marks: [...(n.marks ?? []), mark] } : n,
  );
}

/** The editor's document as Liquid text with light markup (for diffs, and `text` export). */
export function docToText(doc: TiptapNode): string {
  return blocks(doc.content ?? []).join("\n\n");
}

function blocks(nodes: readonly TiptapNode[]): string[] {
  return nodes.map((n) => {
    if (n.type === "bulletList")
      return (n.content ?? []).map((item) => "• " + blocks(item.content ?? []).join("\n")).join("\n");
    if (n.type === "orderedList")
      return (n.content ?? []).map((item, i) => `${i + 1}. ` + blocks(item.content ?? []).join("\n")).join("\n");
    if (n.type === "conditional") {
      const when = typeof n.attrs?.when === "string" ? n.attrs.when : "";
      return `{% if ${when} %}${blocks(n.content ?? []).join("\n\n")}{% endif %}`;
    }
    return (n.content ?? []).map(inlineText).join("");
  });
}

function inlineText(n: TiptapNode): string {
  switch (n.type) {
    case "text":
      return withMarks(n.text ?? "", n.marks ?? []);
    case "hardBreak":
      return "\n";
    case "pause":
      return `[pause ${Number(n.attrs?.ms ?? 0)}ms]`;
    case "variable":
    case "mention": {
      const name = String(n.attrs?.name ?? n.attrs?.id ?? "");
      const fallback = n.attrs?.default;
      const format = isChipFormat(n.attrs?.format) ? ` | ${chipFormats[n.attrs.format]}` : "";
      const chip =
        typeof fallback === "string" && fallback
          ? `{{ ${name}${format} | default: '${fallback.replaceAll("'", "’")}' }}`
          : `{{ ${name}${format} }}`;
      return withMarks(chip, n.marks ?? []);
    }
    default:
      return (n.content ?? []).map(inlineText).join("");
  }
}

function withMarks(text: string, marks: readonly TiptapMark[]): string {
  let out = text;
  if (marks.some((m) => m.type === "bold")) out = `**${out}**`;
  const href = marks.find((m) => m.type === "link")?.attrs?.href;
  if (typeof href === "string") out = `[${out}](${href})`;
  return out;
}

/** Variable names the document's chips use, in order of appearance. */
export function chipNames(doc: TiptapNode): string[] {
  const names: string[] = [];
  const walk = (n: TiptapNode) => {
    if (n.type === "variable" && typeof n.attrs?.name === "string" && !names.includes(n.attrs.name))
      names.push(n.attrs.name);
    n.content?.forEach(walk);
  };
  walk(doc);
  return names;
}

/** Attribute values the renderer assumes when an attribute is absent (the editor writes them out). */
const rendererDefaults: Record<string, Record<string, unknown> | undefined> = { orderedList: { start: 1 } };

/**
 * Keeps only what the renderer reads: drops empty attrs and editor-only ones (Mention's trigger char),
 * and puts marks in one order, so a body is stored the same whether it was typed or imported.
 */
export function cleanDoc(n: TiptapNode): TiptapNode {
  const out: TiptapNode = { type: n.type };
  if (n.text !== undefined) out.text = n.text;
  if (n.attrs) {
    const attrs = Object.fromEntries(
      Object.entries(n.attrs).filter(
        ([k, v]) =>
          v !== null &&
          v !== undefined &&
          v !== "" &&
          k !== "mentionSuggestionChar" &&
          rendererDefaults[n.type]?.[k] !== v,
      ),
    );
    if (Object.keys(attrs).length) out.attrs = attrs;
  }
  // Marks in name order: the editor orders them by schema rank, a hand-written document as it likes.
  if (n.marks?.length)
    out.marks = [...n.marks]
      .sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0))
      .map((m) =>
        m.attrs
          ? {
              type: m.type,
              attrs: Object.fromEntries(Object.entries(m.attrs).filter(([, v]) => v !== null && v !== undefined)),
            }
          : { type: m.type },
      );
  if (n.content?.length) out.content = n.content.map(cleanDoc);
  return out;
}
