// Issue 14, item 6: a node's wanted style (with fallbacks) in the variant choice: locale first, then
// style, then A/B weights.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dataFieldsFor } from "../canvas/dataFields";
import { compileFlow } from "../compile/compileFlow";
import { parseFlowDocument } from "../schema/parseFlowDocument";
import { chooseVariant, normaliseLocale } from "./chooseVariant";
import type { ScriptVariant } from "./scriptDocument";
import { scriptOf } from "./scriptTestKit";

const doc = scriptOf([
  { channel: "chat", locale: "zh-CN", style: "empathetic", weight: 1, text: "共情 A" },
  { channel: "chat", locale: "zh-CN", style: "empathetic", weight: 3, text: "共情 B" },
  { channel: "chat", locale: "zh-CN", style: "brisk", text: "简洁" },
  { channel: "chat", locale: "zh-CN", text: "中性" },
  { channel: "chat", locale: "en", style: "brisk", text: "brisk en" },
]);
const pick = (locale: string, style?: string | string[], seed?: string) =>
  chooseVariant(doc, "chat", locale, seed, style)?.index;

describe("style in the variant choice", () => {
  it("takes the first wanted style a variant of the locale has, then the unstyled ones", () => {
    expect(pick("zh-CN", "brisk")).toBe(2);
    expect(pick("zh-CN", ["formal", "brisk"])).toBe(2);
    expect(pick("zh-CN", ["formal"])).toBe(3);
    // Locale first: an English customer who wants empathy gets English, in the only style there is.
    expect(pick("en", "empathetic")).toBe(4);
  });

  it("A/B weights split only the wanted style's variants", () => {
    const counts = new Map<number, number>();
    for (let i = 0; i < 4000; i++) {
      const index = pick("zh-CN", "empathetic", `i-${i}`) ?? -1;
      counts.set(index, (counts.get(index) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([0, 1]);
    const shareB = (counts.get(1) ?? 0) / 4000;
    expect(shareB).toBeGreaterThan(0.7);
    expect(shareB).toBeLessThan(0.8);
  });

  const locales = ["zh-CN", "zh-TW", "en", "en-GB", "fr"] as const;
  const styles = ["empathetic", "brisk", "formal"] as const;
  const variant = fc.record({
    channel: fc.constantFrom("chat", "sms", "voice" as const),
    locale: fc.option(fc.constantFrom(...locales), { nil: undefined }),
    style: fc.option(fc.constantFrom(...styles), { nil: undefined }),
    weight: fc.option(fc.constantFrom(0, 1, 2, 5), { nil: undefined }),
  });
  const variants = fc.array(variant, { minLength: 1, maxLength: 8 }).map((vs) =>
    vs.map((v, i): ScriptVariant => {
      const out: ScriptVariant = { channel: v.channel, text: `v${i}` };
      if (v.locale) out.locale = v.locale;
      if (v.style) out.style = v.style;
      if (v.weight !== undefined) out.weight = v.weight;
      return out;
    }),
  );
  const request = fc.record({
    channel: fc.constantFrom("chat", "sms", "voice" as const),
    locale: fc.constantFrom(...locales),
    styles: fc.array(fc.constantFrom(...styles), { maxLength: 3 }),
    seed: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }),
  });

  it("property: the chosen variant has the customer's locale whenever a variant of the channel does", () => {
    fc.assert(
      fc.property(variants, request, (vs, r) => {
        const d = scriptOf(vs);
        const chosen = chooseVariant(d, r.channel, r.locale, r.seed, r.styles);
        const exists = vs.some(
          (v) => v.channel === r.channel && normaliseLocale(v.locale) === normaliseLocale(r.locale),
        );
        if (exists) expect(normaliseLocale(chosen?.variant.locale)).toBe(normaliseLocale(r.locale));
        if (vs.some((v) => v.channel === r.channel)) expect(chosen?.variant.channel).toBe(r.channel);
      }),
    );
  });

  it("property: a wanted style is honoured whenever a variant of the chosen locale has it", () => {
    fc.assert(
      fc.property(variants, request, (vs, r) => {
        const d = scriptOf(vs);
        const chosen = chooseVariant(d, r.channel, r.locale, r.seed, r.styles);
        if (!chosen) return;
        const sameTier = vs.filter(
          (v) =>
            v.channel === chosen.variant.channel &&
            normaliseLocale(v.locale) === normaliseLocale(chosen.variant.locale),
        );
        const first = r.styles.find((s) => sameTier.some((v) => v.style === s));
        if (first) expect(chosen.variant.style).toBe(first);
        // With a seed, weights split; a weight of 0 is chosen only when the whole group weighs nothing.
        const plain = sameTier.filter((v) => v.style === undefined);
        const group = first
          ? sameTier.filter((v) => v.style === first)
          : r.styles.length && plain.length
            ? plain
            : sameTier;
        if (r.seed !== undefined && group.length > 1 && group.some((v) => (v.weight ?? 1) > 0))
          expect(chosen.variant.weight ?? 1).toBeGreaterThan(0);
      }),
    );
  });

  it("a stage and a message node say which style they want; the compiler carries it to the step and the message", () => {
    const parsed = parseFlowDocument({
      schema: "journey-studio/flow@1",
      key: "styled",
      name: "Styled",
      kind: "sop",
      channels: ["chat"],
      nodes: [
        { id: "start", type: "start", position: { x: 0, y: 0 }, data: { trigger: { type: "api" } } },
        {
          id: "note",
          type: "message",
          position: { x: 0, y: 100 },
          data: { script: "n", channel: "chat", style: "brisk" },
        },
        {
          id: "greet",
          type: "stage",
          position: { x: 0, y: 200 },
          data: { stage: "opening", script: "g", style: "empathetic", styleFallback: ["formal"] },
        },
        { id: "end", type: "end", position: { x: 0, y: 300 }, data: { outcome: "resolved" } },
      ],
      edges: [
        { id: "e1", source: "start", target: "note" },
        { id: "e2", source: "note", target: "greet" },
        { id: "e3", source: "greet", target: "end" },
      ],
    });
    if (!parsed.ok) throw new Error(parsed.message);
    const compiled = compileFlow(parsed.document);
    expect(compiled.ok).toBe(true);
    const json = JSON.stringify(compiled);
    expect(json).toContain('"styles":["empathetic","formal"]');
    expect(json).toContain('"styles":["brisk"]');
  });

  it("the inspector offers the style fields on stage and message nodes", () => {
    for (const type of ["stage", "message"]) {
      const fields = dataFieldsFor(type).filter((f) => f.name === "style" || f.name === "styleFallback");
      expect(fields.map((f) => [f.name, f.kind])).toEqual([
        ["style", "text"],
        ["styleFallback", "list"],
      ]);
    }
  });
});
