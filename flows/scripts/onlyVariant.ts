// "Make this the only variant": the script document with one variant left for its channel and locale.
// The others of that channel and locale are REMOVED, not set to weight 0: chooseVariant takes the first
// candidate when a step has no seed, narrows to a variant by `style` whatever its weight, and falls back
// to the first when the weights add up to 0, so a weight-0 variant could still be sent.
import { normaliseLocale } from "./chooseVariant";
import type { ScriptDocument, ScriptVariant } from "./scriptDocument";

/** The id of the variant a step rendered: `channel/locale[/style]#index` (index in the document's variants). */
export function variantId(variant: ScriptVariant, renderedLocale: string, index: number): string {
  return `${variant.channel}/${renderedLocale}${variant.style ? `/${variant.style}` : ""}#${index}`;
}

export type ParsedVariantId = { channel: string; locale: string; style?: string; index: number };

export function parseVariantId(id: string): ParsedVariantId | undefined {
  const match = /^([a-z]+)\/([^/#]+)(?:\/([^#]+))?#(\d+)$/.exec(id);
  if (!match?.[1] || !match[2] || !match[4]) return undefined;
  return { channel: match[1], locale: match[2], ...(match[3] ? { style: match[3] } : {}), index: Number(match[4]) };
}

export type OnlyVariantResult =
  | { ok: true; document: ScriptDocument; kept: number; removed: number[] }
  /** NOT_FOUND: no variant at that index; MOVED: the variant there is not the one the id names; ALREADY_ONLY: nothing to remove. */
  | { ok: false; reason: "NOT_FOUND" | "MOVED" | "ALREADY_ONLY" };

/** `doc` with the variant `id` names as the only one of its channel and locale (its weight dropped). */
export function keepOnlyVariant(doc: ScriptDocument, id: string): OnlyVariantResult {
  const parsed = parseVariantId(id);
  const chosen = parsed ? doc.variants[parsed.index] : undefined;
  if (!parsed || !chosen) return { ok: false, reason: "NOT_FOUND" };
  const sameLocale = chosen.locale === undefined || normaliseLocale(chosen.locale) === normaliseLocale(parsed.locale);
  if (chosen.channel !== parsed.channel || chosen.style !== parsed.style || !sameLocale)
    return { ok: false, reason: "MOVED" };
  const rival = (v: ScriptVariant) =>
    v !== chosen && v.channel === chosen.channel && normaliseLocale(v.locale) === normaliseLocale(chosen.locale);
  const removed = doc.variants.flatMap((v, i) => (rival(v) ? [i] : []));
  if (removed.length === 0) return { ok: false, reason: "ALREADY_ONLY" };
  const { weight: _weight, ...kept } = chosen;
  const variants = doc.variants.filter((v) => !rival(v)).map((v) => (v === chosen ? kept : v));
  return { ok: true, document: { ...doc, variants }, kept: variants.indexOf(kept), removed };
}
