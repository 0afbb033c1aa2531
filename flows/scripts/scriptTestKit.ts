import { parseScriptDocument, type ScriptDocument, type ScriptVariant } from "./scriptDocument";

/** Builds a valid script document for tests from a few variants. */
export function scriptOf(variants: ScriptVariant[], extra: Partial<ScriptDocument> = {}): ScriptDocument {
  const parsed = parseScriptDocument({
    schema: "journey-studio/script@1",
    key: "test-script",
    name: "Test script",
    variants,
    ...extra,
  });
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  return parsed.document;
}

/**
 * A small strict XML well-formedness check (no DTDs, no processing instructions): one root element,
 * properly nested tags, quoted attributes without `<`, only the five predefined entities and numeric
 * references, no character XML 1.0 forbids. Returns the elements seen, or throws with the reason.
 */
export function checkWellFormedXml(xml: string): { name: string; attrs: Record<string, string> }[] {
  const elements: { name: string; attrs: Record<string, string> }[] = [];
  // eslint-disable-next-line no-control-regex -- forbidden characters are what this looks for
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(xml)) throw new Error("forbidden control character");
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(xml))
    throw new Error("lone surrogate");
  const stack: string[] = [];
  let i = 0;
  let roots = 0;
  const checkText = (text: string): void => {
    if (text.includes("]]>")) throw new Error("]]> in text");
    for (const m of text.matchAll(/&([^;]*);?/g)) {
      if (!m[0].endsWith(";") || !/^(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+)$/.test(m[1] ?? ""))
        throw new Error(`bad entity ${m[0]}`);
    }
  };
  while (i < xml.length) {
    const lt = xml.indexOf("<", i);
    const text = xml.slice(i, lt === -1 ? xml.length : lt);
    checkText(text);
    if (text.trim() && stack.length === 0) throw new Error("text outside the root");
    if (lt === -1) break;
    const gt = xml.indexOf(">", lt);
    if (gt === -1) throw new Error("unclosed tag");
    const tag = xml.slice(lt + 1, gt);
    const close = /^\/([A-Za-z_][\w.-]*)\s*$/.exec(tag);
    if (close) {
      if (stack.pop() !== close[1]) throw new Error(`mismatched </${close[1]}>`);
    } else {
      const open = /^([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*"[^"<]*")*)\s*(\/?)$/.exec(tag);
      if (!open) throw new Error(`malformed tag <${tag}>`);
      const name = open[1] ?? "";
      const attrs: Record<string, string> = {};
      for (const a of (open[2] ?? "").matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*"([^"<]*)"/g)) {
        const key = a[1] ?? "";
        if (key in attrs) throw new Error(`duplicate attribute ${key}`);
        checkText(a[2] ?? "");
        attrs[key] = a[2] ?? "";
      }
      if (stack.length === 0 && ++roots > 1) throw new Error("more than one root");
      elements.push({ name, attrs });
      if (!open[3]) stack.push(name);
    }
    i = gt + 1;
  }
  if (stack.length) throw new Error(`unclosed <${stack.join("><")}>`);
  if (roots !== 1) throw new Error("no root element");
  return elements;
}

/** The tags of an HTML fragment with their attributes (entity-decoded values), for safety assertions. */
export function htmlTags(html: string): { name: string; attrs: Record<string, string>; raw: string }[] {
  return [...html.matchAll(/<\/?([A-Za-z][\w-]*)([^>]*)>/g)].map((m) => ({
    name: (m[1] ?? "").toLowerCase(),
    raw: m[0],
    attrs: Object.fromEntries(
      [...(m[2] ?? "").matchAll(/([^\s=/]+)\s*=\s*"([^"]*)"/g)].map((a) => [
        (a[1] ?? "").toLowerCase(),
        decodeEntities(a[2] ?? ""),
      ]),
    ),
  }));
}

function decodeEntities(s: string): string {
  return s
    .replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
