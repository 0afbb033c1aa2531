// Pure helpers of the node inspector's script picker (ScriptPicker.tsx).
import type { ScriptDocument } from "../../flows/scripts/scriptDocument";
import { docToText } from "../scripts/variableChipText";

export type PickableScript = { key: string; name: string };

/** Scripts whose key or name holds every word of `query` (case-insensitive), exact key first. */
export function matchScripts<S extends PickableScript>(scripts: readonly S[], query: string, limit = 12): S[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const hits = scripts.filter((s) => {
    const hay = `${s.key} ${s.name}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
  const q = query.trim();
  return [...hits.filter((s) => s.key === q), ...hits.filter((s) => s.key !== q)].slice(0, limit);
}

/** A script key for a new script named `name`: its Latin letters and digits, else `script-<n>`. */
export function keyForNewScript(name: string, taken: ReadonlySet<string>): string {
  const slug = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  const base = slug || "script";
  if (slug && !taken.has(slug)) return slug;
  for (let n = 1; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** The first lines of a script's first variant, as the editor's text form, for a preview. */
export function scriptPreviewText(doc: ScriptDocument, maxLength = 180): string {
  const variant = doc.variants[0];
  if (!variant) return "";
  const text = (variant.doc ? docToText(variant.doc) : (variant.text ?? "")).replace(/\s+/g, " ").trim();
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
