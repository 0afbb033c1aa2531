import { replacePhrase } from "./phraseMatch";
import type { ScriptField } from "./renderScript";
import type { ScriptDiagnostic } from "./scriptDiagnostic";
import type { ScriptDocument, ScriptVariant, TiptapNode } from "./scriptDocument";

/**
 * The document with a diagnostic's one-click fix applied to its variant and field: every occurrence of
 * the phrase replaced. In an editor document the phrase is replaced within each text node, so a phrase
 * split by formatting (half of it bold) is left for the author.
 */
export function applyLintFix(doc: ScriptDocument, diagnostic: ScriptDiagnostic): ScriptDocument {
  const fix = diagnostic.fix;
  const variant = doc.variants[diagnostic.variantIndex];
  if (!fix || !variant) return doc;
  const field: ScriptField = diagnostic.field ?? "text";
  const next = fixVariant(variant, field, (s) => replacePhrase(s, fix.find, fix.replace));
  return { ...doc, variants: doc.variants.map((v, i) => (i === diagnostic.variantIndex ? next : v)) };
}

function fixVariant(variant: ScriptVariant, field: ScriptField, replace: (s: string) => string): ScriptVariant {
  if (field !== "text") {
    const value = variant[field];
    return value === undefined ? variant : { ...variant, [field]: replace(value) };
  }
  if (variant.doc) return { ...variant, doc: fixNode(variant.doc, replace) };
  return { ...variant, text: replace(variant.text ?? "") };
}

function fixNode(node: TiptapNode, replace: (s: string) => string): TiptapNode {
  if (node.type === "text" && node.text !== undefined) return { ...node, text: replace(node.text) };
  if (!node.content) return node;
  return { ...node, content: node.content.map((child) => fixNode(child, replace)) };
}
