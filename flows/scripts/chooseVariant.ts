import type { ScriptChannel, ScriptDocument, ScriptVariant } from "./scriptDocument";

export type VariantChoice = { index: number; variant: ScriptVariant };

/** The default fallback: the same locale's `chat` variant, then any variant. */
const DEFAULT_FALLBACK: readonly ScriptChannel[] = ["chat"];

/**
 * Picks the variant for a step, in three steps. Locale first: the channel in the exact locale, then in
 * the same language (`zh-TW` → `zh-CN`), then in the channel's first locale (document order); then the
 * script's `fallback` channels the same way (by default `chat`, then any variant, same locale first).
 * Then style: the first of the wanted styles (a node's `style`, then its `styleFallback`) that a
 * variant of that locale has; when none has any of them, the variants without a style, else all of
 * them. Last, `weight` splits A/B deterministically by `seed` (e.g. the interaction id) among what is
 * left, so never across locales, nor across styles when a style is wanted: the same seed always gets
 * the same variant. Without a seed the first variant wins.
 */
export function chooseVariant(
  doc: ScriptDocument,
  channel: ScriptChannel,
  locale?: string,
  seed?: string,
  style?: string | readonly string[],
): VariantChoice | undefined {
  let byKey = candidatesCache.get(doc);
  if (!byKey) candidatesCache.set(doc, (byKey = new Map()));
  const key = `${channel}\u0000${locale ?? ""}`;
  let best = byKey.get(key);
  if (!best) byKey.set(key, (best = bestCandidates(doc, channel, locale)));
  const wanted = typeof style === "string" ? [style] : (style ?? []);
  return pickWeighted(byStyle(best, wanted), `${doc.key}\u0000${seed ?? ""}`, seed !== undefined);
}

/** The candidates of the first wanted style any has; else, when a style was wanted, the unstyled ones. */
function byStyle(candidates: VariantChoice[], wanted: readonly string[]): VariantChoice[] {
  if (wanted.length === 0) return candidates;
  for (const style of wanted) {
    const styled = candidates.filter((c) => c.variant.style === style);
    if (styled.length) return styled;
  }
  const plain = candidates.filter((c) => c.variant.style === undefined);
  return plain.length ? plain : candidates;
}

/** Documents are immutable once parsed, so the tier search runs once per channel and locale. */
const candidatesCache = new WeakMap<ScriptDocument, Map<string, VariantChoice[]>>();

/** The variants of the first tier that has any, in document order. */
function bestCandidates(doc: ScriptDocument, channel: ScriptChannel, locale: string | undefined): VariantChoice[] {
  const tiers = doc.fallback ? [channel, ...doc.fallback] : [channel, ...DEFAULT_FALLBACK, undefined];
  const wanted = locale ? normaliseLocale(locale) : undefined;
  for (const tierChannel of tiers) {
    const ofChannel = indexed(doc).filter((c) => tierChannel === undefined || c.variant.channel === tierChannel);
    if (ofChannel.length === 0) continue;
    const sameLocale = wanted
      ? firstNonEmpty([
          ofChannel.filter((c) => normaliseLocale(c.variant.locale) === wanted),
          ofChannel.filter((c) => language(c.variant.locale) === language(wanted)),
        ])
      : [];
    // No variant speaks it: the first locale of the channel, never a draw across locales.
    return sameLocale.length > 0 ? sameLocale : firstLocale(ofChannel);
  }
  return [];
}

function indexed(doc: ScriptDocument): VariantChoice[] {
  return doc.variants.map((variant, index) => ({ index, variant }));
}

/** The candidates of the first candidate's locale: A/B weights split variants of one locale only. */
function firstLocale(candidates: VariantChoice[]): VariantChoice[] {
  const first = candidates[0];
  if (!first) return [];
  const locale = normaliseLocale(first.variant.locale);
  return candidates.filter((c) => normaliseLocale(c.variant.locale) === locale);
}

function firstNonEmpty(lists: VariantChoice[][]): VariantChoice[] {
  return lists.find((l) => l.length > 0) ?? [];
}

function pickWeighted(candidates: VariantChoice[], key: string, seeded: boolean): VariantChoice | undefined {
  if (candidates.length <= 1 || !seeded) return candidates[0];
  const total = candidates.reduce((sum, c) => sum + (c.variant.weight ?? 1), 0);
  if (total <= 0) return candidates[0];
  let point = (stableHash(key) / 0x1_0000_0000) * total;
  for (const c of candidates) {
    point -= c.variant.weight ?? 1;
    if (point < 0) return c;
  }
  return candidates[candidates.length - 1];
}

/**
 * FNV-1a over UTF-16 units with murmur3's finaliser, 32 bits: small, the same in every JavaScript
 * engine, and well spread even for sequential ids (plain FNV-1a puts `i-1`, `i-2` next to each other).
 */
export function stableHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function normaliseLocale(locale: string | undefined): string {
  return (locale ?? "").replace(/_/g, "-").toLowerCase();
}

function language(locale: string | undefined): string {
  return normaliseLocale(locale).split("-")[0] ?? "";
}
