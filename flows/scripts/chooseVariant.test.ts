import { describe, expect, it } from "vitest";
import { chooseVariant, stableHash } from "./chooseVariant";
import { renderScript } from "./renderScript";
import { scriptOf } from "./scriptTestKit";

describe("chooseVariant", () => {
  const doc = scriptOf([
    { channel: "sms", locale: "en", text: "sms en" },
    { channel: "sms", locale: "zh-CN", text: "sms zh" },
    { channel: "chat", locale: "zh-CN", text: "chat zh" },
    { channel: "chat", locale: "en", text: "chat en" },
    { channel: "email", locale: "fr", text: "email fr" },
  ]);
  const pick = (d = doc, channel: Parameters<typeof chooseVariant>[1] = "sms", locale?: string) =>
    chooseVariant(d, channel, locale)?.index;

  it("exact channel and locale, then same language, then any locale of the channel", () => {
    expect(pick(doc, "sms", "zh-CN")).toBe(1);
    expect(pick(doc, "sms", "zh_cn")).toBe(1);
    expect(pick(doc, "sms", "zh-TW")).toBe(1);
    expect(pick(doc, "sms", "de")).toBe(0);
    expect(pick(doc, "sms")).toBe(0);
  });

  it("default fallback: the same locale's chat, then any variant", () => {
    expect(pick(doc, "voice", "zh-CN")).toBe(2);
    expect(pick(doc, "app", "en")).toBe(3);
    expect(pick(doc, "voice", "fr")).toBe(2);
    const noChat = scriptOf([
      { channel: "email", locale: "fr", text: "a" },
      { channel: "sms", locale: "en", text: "b" },
    ]);
    expect(pick(noChat, "voice", "en")).toBe(1);
    expect(pick(noChat, "voice", "fr")).toBe(0);
  });

  it("an explicit fallback is the whole order", () => {
    const d = scriptOf(doc.variants, { fallback: ["email", "sms"] });
    expect(pick(d, "voice", "zh-CN")).toBe(4);
    const strict = scriptOf([{ channel: "email", text: "a" }], { fallback: ["sms"] });
    expect(chooseVariant(strict, "voice", "en")).toBeUndefined();
  });

  it("A/B: deterministic per seed, split by weight, weight 0 never chosen, no seed picks the first", () => {
    const ab = scriptOf([
      { channel: "chat", locale: "zh-CN", style: "empathetic", weight: 3, text: "A" },
      { channel: "chat", locale: "zh-CN", style: "brisk", weight: 1, text: "B" },
      { channel: "chat", locale: "zh-CN", weight: 0, text: "C" },
    ]);
    const counts = [0, 0, 0];
    for (let i = 0; i < 20_000; i++) {
      const seed = `interaction-${i}`;
      const first = chooseVariant(ab, "chat", "zh-CN", seed)?.index ?? -1;
      expect(chooseVariant(ab, "chat", "zh-CN", seed)?.index).toBe(first);
      counts[first] = (counts[first] ?? 0) + 1;
    }
    const shareA = (counts[0] ?? 0) / 20_000;
    expect(shareA).toBeGreaterThan(0.72);
    expect(shareA).toBeLessThan(0.78);
    expect(counts[2]).toBe(0);
    expect(chooseVariant(ab, "chat", "zh-CN")?.index).toBe(0);
    expect(renderScript(ab, { channel: "chat", locale: "zh-CN", seed: "interaction-42" }).body).toBe(
      renderScript(ab, { channel: "chat", locale: "zh-CN", seed: "interaction-42" }).body,
    );
  });

  it("A/B never draws across locales: without a matching locale, the channel's first locale only", () => {
    const mixed = scriptOf([
      { channel: "chat", locale: "zh-CN", style: "empathetic", text: "zh A" },
      { channel: "chat", locale: "zh-CN", style: "brisk", text: "zh B" },
      { channel: "chat", locale: "en", text: "en" },
    ]);
    const chosen = new Set<number>();
    for (let i = 0; i < 200; i++) {
      chosen.add(chooseVariant(mixed, "chat", undefined, `i-${i}`)?.index ?? -1);
      chosen.add(chooseVariant(mixed, "chat", "fr", `i-${i}`)?.index ?? -1);
    }
    expect([...chosen].sort()).toEqual([0, 1]);
    for (let i = 0; i < 50; i++) expect(chooseVariant(mixed, "chat", "en", `i-${i}`)?.index).toBe(2);
  });

  it("style narrows the choice when a variant has it", () => {
    const styled = scriptOf([
      { channel: "chat", style: "empathetic", text: "A" },
      { channel: "chat", style: "brisk", text: "B" },
    ]);
    expect(chooseVariant(styled, "chat", undefined, "s", "brisk")?.index).toBe(1);
    expect(chooseVariant(styled, "chat", undefined, undefined, "unknown")?.index).toBe(0);
  });

  it("stableHash is a fixed function", () => {
    expect(stableHash("")).toBe(stableHash(""));
    expect(stableHash("interaction-1")).not.toBe(stableHash("interaction-2"));
    expect(stableHash("abc")).toMatchInlineSnapshot(`${stableHash("abc")}`);
  });
});
