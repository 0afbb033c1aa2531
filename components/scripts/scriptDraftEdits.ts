// Pure edits of the working script document in the editor.
import type { ScriptChannel, ScriptDocument, ScriptVariant, TiptapNode } from "../../flows/scripts/scriptDocument";
import { textToDoc } from "./variableChipText";

export const emptyDoc: TiptapNode = { type: "doc", content: [{ type: "paragraph" }] };

/** The variant's body as an editor document (a `text` variant is converted, chips and all). */
export function variantDoc(v: ScriptVariant): TiptapNode {
  return v.doc ?? textToDoc(v.text ?? "");
}

export function withVariantDoc(doc: ScriptDocument, index: number, body: TiptapNode): ScriptDocument {
  return { ...doc, variants: doc.variants.map((v, i) => (i === index ? { ...withoutText(v), doc: body } : v)) };
}

function withoutText(v: ScriptVariant): ScriptVariant {
  const copy = { ...v };
  delete copy.text;
  return copy;
}

export function withVariantField(
  doc: ScriptDocument,
  index: number,
  field: "subject" | "title" | "style",
  value: string,
): ScriptDocument {
  return {
    ...doc,
    variants: doc.variants.map((v, i) => {
      if (i !== index) return v;
      const copy = { ...v };
      if (value === "" && field === "style") delete copy[field];
      else copy[field] = value;
      return copy;
    }),
  };
}

export function addVariant(doc: ScriptDocument, channel: ScriptChannel, locale: string): ScriptDocument {
  const variant: ScriptVariant = {
    channel,
    ...(locale ? { locale } : {}),
    ...(channel === "email" ? { subject: "" } : {}),
    doc: emptyDoc,
  };
  return { ...doc, variants: [...doc.variants, variant] };
}

export function removeVariant(doc: ScriptDocument, index: number): ScriptDocument {
  return { ...doc, variants: doc.variants.filter((_, i) => i !== index) };
}

/** JSON with sorted keys: two documents are the same script whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Moves a variant to another channel: an email gets a subject, a push a title; other channels drop them. */
export function withVariantChannel(doc: ScriptDocument, index: number, channel: ScriptChannel): ScriptDocument {
  return {
    ...doc,
    variants: doc.variants.map((v, i) => {
      if (i !== index) return v;
      const copy: ScriptVariant = { ...v, channel };
      if (channel === "email") copy.subject = v.subject ?? "";
      else delete copy.subject;
      if (channel !== "app") delete copy.title;
      return copy;
    }),
  };
}

/** Sets a variant's locale (an empty one means "any locale"). */
export function withVariantLocale(doc: ScriptDocument, index: number, locale: string): ScriptDocument {
  return {
    ...doc,
    variants: doc.variants.map((v, i) => {
      if (i !== index) return v;
      const copy = { ...v };
      if (locale.trim()) copy.locale = locale.trim();
      else delete copy.locale;
      return copy;
    }),
  };
}

/** The document as a snippet (other scripts put it in by key) or as a whole script. */
export function withKind(doc: ScriptDocument, snippet: boolean): ScriptDocument {
  const { kind: _kind, ...rest } = doc;
  return snippet ? { ...rest, kind: "snippet" } : rest;
}

/** The variant's A/B weight (empty or not a number: the default 1, so the field is left out). */
export function withVariantWeight(doc: ScriptDocument, index: number, value: string): ScriptDocument {
  const weight = value.trim() === "" ? undefined : Number(value);
  return {
    ...doc,
    variants: doc.variants.map((v, i) => {
      if (i !== index) return v;
      const { weight: _old, ...rest } = v;
      return weight !== undefined && Number.isFinite(weight) && weight >= 0 ? { ...rest, weight } : rest;
    }),
  };
}

/**
 * The variant's share of A/B draws, in percent, for a step that wants no style: among the variants of
 * its channel and locale (a step that wants a style draws among that style's only).
 */
export function abShare(doc: ScriptDocument, index: number): number | undefined {
  const v = doc.variants[index];
  if (!v) return undefined;
  const group = doc.variants.filter((o) => o.channel === v.channel && o.locale === v.locale);
  if (group.length < 2) return undefined;
  const total = group.reduce((sum, o) => sum + (o.weight ?? 1), 0);
  return total > 0 ? Math.round(((v.weight ?? 1) / total) * 100) : 0;
}
