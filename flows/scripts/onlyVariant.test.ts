import { describe, expect, it } from "vitest";
import { chooseVariant } from "./chooseVariant";
import { keepOnlyVariant, parseVariantId, variantId } from "./onlyVariant";
import { scriptOf } from "./scriptTestKit";

const doc = scriptOf([
  { channel: "sms", locale: "zh-CN", text: "sms zh" },
  { channel: "chat", locale: "zh-CN", style: "empathetic", weight: 3, text: "A" },
  { channel: "chat", locale: "zh-CN", style: "brisk", weight: 1, text: "B" },
  { channel: "chat", locale: "zh-CN", text: "C" },
  { channel: "chat", locale: "en", text: "chat en" },
]);
const seeds = Array.from({ length: 200 }, (_, i) => `i-${i}`);

describe("variant ids", () => {
  it("are channel/locale[/style]#index both ways", () => {
    expect(variantId(doc.variants[1]!, "zh-CN", 1)).toBe("chat/zh-CN/empathetic#1");
    expect(parseVariantId("chat/zh-CN/empathetic#1")).toEqual({
      channel: "chat",
      locale: "zh-CN",
      style: "empathetic",
      index: 1,
    });
    expect(parseVariantId("sms/en#0")).toEqual({ channel: "sms", locale: "en", index: 0 });
    for (const bad of ["", "chat#1", "chat/en", "chat/en#x", "Chat/en#1"]) expect(parseVariantId(bad)).toBeUndefined();
  });
});

describe("keepOnlyVariant", () => {
  it("removes the other variants of the channel and locale, keeps every other one, drops the weight", () => {
    const result = keepOnlyVariant(doc, "chat/zh-CN/empathetic#1");
    expect(result).toMatchObject({ ok: true, kept: 1, removed: [2, 3] });
    if (!result.ok) return;
    expect(result.document.variants.map((v) => v.text)).toEqual(["sms zh", "A", "chat en"]);
    expect(result.document.variants[1]).not.toHaveProperty("weight");
    // Every customer on chat in zh-CN now gets it, whatever the seed or the step's style.
    for (const seed of seeds) {
      expect(chooseVariant(result.document, "chat", "zh-CN", seed)?.variant.text).toBe("A");
      expect(chooseVariant(result.document, "chat", "zh-CN", seed, "brisk")?.variant.text).toBe("A");
    }
    expect(chooseVariant(result.document, "chat", "en", "x")?.variant.text).toBe("chat en");
  });

  it("is needed: weight 0 would still send the others (a step's style, or no seed)", () => {
    const zeroed = scriptOf(doc.variants.map((v, i) => (i === 2 || i === 3 ? { ...v, weight: 0 } : v)));
    expect(chooseVariant(zeroed, "chat", "zh-CN", "seed", "brisk")?.variant.text).toBe("B");
    const firstZeroed = scriptOf(
      [doc.variants[3]!, doc.variants[1]!].map((v, i) => (i === 0 ? { ...v, weight: 0 } : v)),
    );
    expect(chooseVariant(firstZeroed, "chat", "zh-CN")?.variant.text).toBe("C");
  });

  it("refuses an id that names no variant, another variant, or one already alone", () => {
    expect(keepOnlyVariant(doc, "chat/zh-CN#9")).toEqual({ ok: false, reason: "NOT_FOUND" });
    expect(keepOnlyVariant(doc, "nonsense")).toEqual({ ok: false, reason: "NOT_FOUND" });
    expect(keepOnlyVariant(doc, "chat/zh-CN/brisk#1")).toEqual({ ok: false, reason: "MOVED" });
    expect(keepOnlyVariant(doc, "chat/en#1")).toEqual({ ok: false, reason: "MOVED" });
    expect(keepOnlyVariant(doc, "chat/en#4")).toEqual({ ok: false, reason: "ALREADY_ONLY" });
  });
});
