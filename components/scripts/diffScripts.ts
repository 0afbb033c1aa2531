// Pure: two script documents as comparable text, one section per variant (channel · locale), then diffed.
import type { ScriptDocument, ScriptVariant } from "../../flows/scripts/scriptDocument";
import { diffLines, type DiffLine } from "./diffLines";
import { docToText } from "./variableChipText";

export type VariantDiff = { label: string; status: "added" | "removed" | "changed" | "same"; lines: DiffLine[] };

export function variantLabel(v: Pick<ScriptVariant, "channel" | "locale" | "style">): string {
  return [v.channel, v.locale, v.style].filter(Boolean).join(" · ");
}

export function variantText(v: ScriptVariant): string {
  const body = v.doc ? docToText(v.doc) : (v.text ?? "");
  const head = [
    v.subject !== undefined ? `subject: ${v.subject}` : undefined,
    v.title !== undefined ? `title: ${v.title}` : undefined,
    v.weight !== undefined ? `weight: ${v.weight}` : undefined,
  ];
  return [...head.filter((h) => h !== undefined), body].join("\n");
}

/** Variants are matched by their label (the n-th variant with the same label pairs with the n-th). */
export function diffScripts(before: ScriptDocument, after: ScriptDocument): VariantDiff[] {
  const keyed = (doc: ScriptDocument) => {
    const seen = new Map<string, number>();
    return doc.variants.map((v) => {
      const label = variantLabel(v);
      const n = (seen.get(label) ?? 0) + 1;
      seen.set(label, n);
      return { key: `${label}#${n}`, label: n > 1 ? `${label} (${n})` : label, text: variantText(v) };
    });
  };
  const a = keyed(before);
  const b = keyed(after);
  const out: VariantDiff[] = [];
  if (before.name !== after.name)
    out.push({ label: "name", status: "changed", lines: diffLines(before.name, after.name) });
  for (const v of b) {
    const old = a.find((x) => x.key === v.key);
    const lines = diffLines(old?.text ?? "", v.text);
    out.push({
      label: v.label,
      status: !old ? "added" : old.text === v.text ? "same" : "changed",
      lines: old ? lines : lines.filter((l) => l.text !== "" || l.kind !== "removed"),
    });
  }
  for (const v of a)
    if (!b.some((x) => x.key === v.key))
      out.push({
        label: v.label,
        status: "removed",
        lines: v.text.split("\n").map((text) => ({ kind: "removed", text })),
      });
  return out;
}
