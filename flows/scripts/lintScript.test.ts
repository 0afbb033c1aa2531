import { describe, expect, it } from "vitest";
import { lintScript } from "./lintScript";
import { scriptOf } from "./scriptTestKit";

const codes = (d: { code: string; severity: string }[]) => d.map((x) => `${x.code}:${x.severity}`);

describe("lintScript", () => {
  it("a clean script has no diagnostics", () => {
    const doc = scriptOf([
      {
        channel: "sms",
        locale: "zh-CN",
        text: "{{ customer.name | default: '您' }}，您的账单{{ amount }}元已出。回T退订",
      },
      { channel: "chat", text: "{% assign n = customer.name %}{% for i in items %}{{ i }}{% endfor %}{{ n }}" },
    ]);
    expect(lintScript(doc, { availableVariables: ["amount", "items"] })).toEqual([]);
  });

  it("variables the flow does not provide: error, or warning when defaulted; customer.* and locals are fine", () => {
    const doc = scriptOf(
      [
        {
          channel: "chat",
          text: "{{ customer.anything }}\n{{ amout }}\n{{ tier | default: 'x' }}\n{{ region }}{% assign local = 1 %}{{ local }}{{ order.id }}",
        },
      ],
      { variables: { region: { default: "华东" } } },
    );
    const d = lintScript(doc, { availableVariables: ["amount", "order"] });
    expect(d.map((x) => [x.code, x.severity, x.line, x.message.match(/"([^"]+)"/)?.[1]])).toEqual([
      ["unknown-variable", "error", 2, "amout"],
      ["unknown-variable", "warning", 3, "tier"],
      ["unknown-variable", "warning", 4, "region"],
    ]);
  });

  it("SMS over N segments", () => {
    const doc = scriptOf([{ channel: "sms", text: "生".repeat(140) + "回T退订" }]);
    expect(codes(lintScript(doc))).toEqual(["sms-too-long:warning"]);
    expect(lintScript(doc)[0]?.message).toMatch(/3 SMS segments \(UCS-2, 144 characters\); at most 2/);
    expect(lintScript(doc, { smsMaxSegments: 3 })).toEqual([]);
  });

  it("voice longer than N seconds, by characters for Chinese and words for English, pauses included", () => {
    const zh = scriptOf([{ channel: "voice", text: "您".repeat(64) + "[pause 5s]" }]);
    expect(codes(lintScript(zh))).toEqual(["voice-too-long:warning"]);
    expect(lintScript(zh)[0]?.message).toBe("about 21 s to speak; at most 20 s");
    expect(lintScript(zh, { voiceMaxSeconds: 22 })).toEqual([]);
    const en = scriptOf([{ channel: "voice", text: "word ".repeat(60) }]);
    expect(codes(lintScript(en))).toEqual(["voice-too-long:warning"]);
    expect(lintScript(en, { speakingRate: { cjkCharsPerSecond: 4, wordsPerMinute: 200 } })).toEqual([]);
  });

  it("forbidden phrases with their replacement and line, per channel when asked", () => {
    const doc = scriptOf([
      { channel: "chat", text: "您好\n这个我不知道。", subject: "x" },
      { channel: "voice", text: "这是规定，Calm Down please" },
    ]);
    const d = lintScript(doc, {
      forbiddenPhrases: [
        { phrase: "不知道", replacement: "我帮您确认一下" },
        { phrase: "calm down", replacement: "I understand" },
        { phrase: "这是规定", channels: ["chat"] },
      ],
    });
    expect(d.map((x) => [x.variantIndex, x.code, x.line, x.message])).toEqual([
      [0, "forbidden-phrase", 2, "“不知道” is a minefield phrase: say “我帮您确认一下” instead"],
      [1, "forbidden-phrase", 1, "“calm down” is a minefield phrase: say “I understand” instead"],
    ]);
  });

  it("required disclosure: SMS must carry the opt-out words; workspace rules replace the default", () => {
    const doc = scriptOf([
      { channel: "sms", locale: "zh-CN", text: "您的账单已出" },
      { channel: "sms", locale: "en", text: "Your bill is ready. reply stop to opt out" },
      { channel: "sms", text: "{% if vip %}回T退订{% endif %}" },
      { channel: "email", text: "x", subject: "y" },
    ]);
    expect(lintScript(doc).map((x) => [x.variantIndex, x.code])).toEqual([
      [0, "disclosure-missing"],
      [2, "disclosure-missing"],
    ]);
    const rules = [{ channel: "email" as const, anyOf: ["unsubscribe"], label: "an unsubscribe link" }];
    expect(lintScript(doc, { requiredDisclosures: rules }).map((x) => [x.variantIndex, x.message])).toEqual([
      [3, "email messages must carry an unsubscribe link"],
    ]);
  });

  it("links with unsafe protocols, relative links, and links whose protocol comes from data", () => {
    const doc = scriptOf([
      {
        channel: "chat",
        text: "[a](JaVaScRiPt:alert(1))\n[b](data:text/html,x)\n[c](/relative)\n[d]({{ url }})\n[e](https://x.example/{{ id }})\n[f](tel:+86)",
      },
    ]);
    expect(lintScript(doc).map((x) => [x.code, x.severity, x.line])).toEqual([
      ["unsafe-link", "error", 1],
      ["unsafe-link", "error", 2],
      ["unsafe-link", "error", 3],
      ["dynamic-link", "warning", 4],
    ]);
  });

  it("Liquid syntax errors with their line, in the text, subject or title", () => {
    const doc = scriptOf([
      { channel: "email", subject: "{{ x", text: "ok\n\n{% iff x %}" },
      { channel: "app", title: "{% for %}", text: "fine" },
    ]);
    expect(lintScript(doc).map((x) => [x.variantIndex, x.field, x.code, x.line])).toEqual([
      [0, "text", "liquid-syntax", 3],
      [0, "subject", "liquid-syntax", 1],
      [1, "title", "liquid-syntax", 1],
    ]);
  });

  it("render errors (limits) and voice links are reported; an email without subject is warned", () => {
    const doc = scriptOf([
      { channel: "chat", text: "{% for a in (1..100000000) %}x{% endfor %}" },
      { channel: "voice", text: "请访问[官网](https://x.example)" },
      { channel: "email", text: "hi" },
    ]);
    expect(codes(lintScript(doc))).toEqual(["render-error:error", "voice-link:info", "email-subject-missing:warning"]);
  });

  it("Tiptap doc variants are linted like text", () => {
    const doc = scriptOf([
      {
        channel: "sms",
        doc: {
          type: "doc",
          content: [
            {
              type: "paragraph",
              content: [
                { type: "variable", attrs: { name: "balance" } },
                { type: "text", text: "元" },
              ],
            },
          ],
        },
      },
    ]);
    expect(codes(lintScript(doc, { availableVariables: [] }))).toEqual([
      "unknown-variable:error",
      "disclosure-missing:error",
    ]);
  });
});
