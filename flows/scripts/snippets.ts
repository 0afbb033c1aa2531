import { chooseVariant } from "./chooseVariant";
import { docToTemplate } from "./docToTemplate";
import { preparedToText } from "./preparedToText";
import type { ScriptDocument, ScriptVariant, TiptapNode } from "./scriptDocument";

/**
 * Snippets: a script document with `kind: "snippet"` (a disclosure, a signature) that other scripts
 * put in by key, as a `snippet` node (`{ type: "snippet", attrs: { key } }`) in an editor document or
 * `[snippet key]` in a `text` variant. It is reviewed as any script is; what a script says is the
 * snippet's approved version, resolved here: pure, given the approved documents by key.
 */
export type SnippetLibrary = ReadonlyMap<string, ScriptDocument>;

export type SnippetProblem = {
  variantIndex: number;
  key: string;
  /** `missing`: no approved document of that key; `not-snippet`: it is a script; `cycle`: it puts itself in. */
  kind: "missing" | "not-snippet" | "cycle";
  /** The keys from the script down to the problem. */
  trail: string[];
};

const SNIPPET_KEY = /^[a-z0-9][a-z0-9-]*$/;
const SNIPPET_MARKUP = /\[snippet\s+([a-z0-9][a-z0-9-]*)\s*\]/g;
/** A snippet inside a snippet inside …: past this depth it is taken for a cycle. */
const MAX_DEPTH = 8;

/** The keys of the snippets a script puts in directly, in document order, each once. */
export function snippetKeys(doc: ScriptDocument): string[] {
  return [...new Set(doc.variants.flatMap(variantSnippetKeys))];
}

function variantSnippetKeys(variant: ScriptVariant): string[] {
  if (variant.doc) return nodeSnippetKeys(variant.doc);
  return [...(variant.text ?? "").matchAll(SNIPPET_MARKUP)].map((m) => m[1] ?? "");
}

function nodeSnippetKeys(node: TiptapNode): string[] {
  if (node.type === "snippet") {
    const key = node.attrs?.key;
    return typeof key === "string" && SNIPPET_KEY.test(key) ? [key] : [];
  }
  if (node.type === "text") return [...(node.text ?? "").matchAll(SNIPPET_MARKUP)].map((m) => m[1] ?? "");
  return (node.content ?? []).flatMap(nodeSnippetKeys);
}

const resolvedCache = new WeakMap<ScriptDocument, WeakMap<SnippetLibrary, SnippetResolution>>();

export type SnippetResolution = { document: ScriptDocument; problems: SnippetProblem[] };

/**
 * The script with every snippet put in: each variant that uses one becomes a `text` variant in which
 * the snippet's text stands (the snippet's variant for the same channel and locale, chosen as a step's
 * is, without A/B), and the snippets' variable defaults join the script's (the script's own win). A
 * missing snippet, a script used as one, or a cycle puts in nothing and is a problem. A script that
 * uses no snippet comes back as it is.
 */
export function resolveSnippets(doc: ScriptDocument, library: SnippetLibrary): SnippetResolution {
  let byLibrary = resolvedCache.get(doc);
  if (!byLibrary) resolvedCache.set(doc, (byLibrary = new WeakMap()));
  const cached = byLibrary.get(library);
  if (cached) return cached;
  const result = resolve(doc, library);
  byLibrary.set(library, result);
  return result;
}

function resolve(doc: ScriptDocument, library: SnippetLibrary): SnippetResolution {
  if (snippetKeys(doc).length === 0) return { document: doc, problems: [] };
  const problems: SnippetProblem[] = [];
  const used = new Map<string, ScriptDocument>();
  const variants = doc.variants.map((variant, variantIndex) => {
    if (variantSnippetKeys(variant).length === 0) return variant;
    const text = expand(variantText(variant), variant, [doc.key], library, used, (p) =>
      problems.push({ variantIndex, ...p }),
    );
    const { doc: _doc, ...rest } = variant;
    return { ...rest, text };
  });
  const variables = { ...Object.assign({}, ...[...used.values()].map((s) => s.variables ?? {})), ...doc.variables };
  return {
    document: { ...doc, variants, ...(Object.keys(variables).length ? { variables } : {}) },
    problems,
  };
}

/** A variant's words as light-markup text, its snippet nodes as `[snippet key]`. */
function variantText(variant: ScriptVariant): string {
  if (!variant.doc) return variant.text ?? "";
  return preparedToText(docToTemplate(snippetNodesAsText(variant.doc)).source);
}

function snippetNodesAsText(node: TiptapNode): TiptapNode {
  if (node.type === "snippet") {
    const key = node.attrs?.key;
    return { type: "text", text: typeof key === "string" && SNIPPET_KEY.test(key) ? `[snippet ${key}]` : "" };
  }
  if (!node.content) return node;
  return { ...node, content: node.content.map(snippetNodesAsText) };
}

function expand(
  text: string,
  at: ScriptVariant,
  trail: string[],
  library: SnippetLibrary,
  used: Map<string, ScriptDocument>,
  report: (p: Omit<SnippetProblem, "variantIndex">) => void,
): string {
  return text.replace(SNIPPET_MARKUP, (_m, key: string) => {
    const path = [...trail, key];
    if (trail.includes(key) || trail.length > MAX_DEPTH) {
      report({ key, kind: "cycle", trail: path });
      return "";
    }
    const snippet = library.get(key);
    if (!snippet || snippet.kind !== "snippet") {
      report({ key, kind: snippet ? "not-snippet" : "missing", trail: path });
      return "";
    }
    used.set(key, snippet);
    const choice = chooseVariant(snippet, at.channel, at.locale);
    if (!choice) return "";
    return expand(variantText(choice.variant), at, path, library, used, report);
  });
}
