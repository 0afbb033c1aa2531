import { describe, expect, it } from "vitest";
import { renderScript } from "../../flows/scripts/renderScript";
import type { ScriptDocument } from "../../flows/scripts/scriptDocument";
import { diffScripts } from "../../components/scripts/diffScripts";
import { diffLines } from "../../components/scripts/diffLines";
import { chipNames, cleanDoc, docToText, textToDoc } from "../../components/scripts/variableChipText";

const script = (variant: ScriptDocument["variants"][number]): ScriptDocument => ({
  schema: "journey-studio/script@1",
  key: "k",
  name: "K",
  variants: [variant],
});

describe("variable chip text helpers", () => {
  const samples = [
    "Hi {{ customer.name | default: 'friend' }}, your code is {{ code }}. Reply STOP",
    "**{{ customer.name }}**，生日快乐！\n第二行\n\n[点击查看](https://www.example.com/gifts?a=(1)) 回T退订",
    "您好{{ customer.name | default: '' }}，[pause 300ms] 祝您 {% if customer.tier == 'vip' %}VIP{% endif %} {{ amount | times: 2 }}",
    "到期 {{ due | date: '%Y年%-m月%-d日' | default: '待定' }}，金额 {{ amount | number: 2 }}，{{ t | date: '%H:%M' }}",
    "",
  ];

  it("turns a chip format's filter into the chip's format, and leaves other filters as typed", () => {
    const doc = textToDoc(samples[3]!);
    expect(JSON.stringify(doc)).toContain('"attrs":{"name":"due","format":"date-zh","default":"待定"}');
    expect(JSON.stringify(doc)).toContain('"attrs":{"name":"amount","format":"number-2"}');
    expect(chipNames(doc)).toEqual(["due", "amount"]);
    expect(JSON.stringify(doc)).toContain("{{ t | date: '%H:%M' }}");
  });

  it("turns simple variables into chips and keeps other Liquid as typed", () => {
    const doc = textToDoc(samples[2]!);
    expect(chipNames(doc)).toEqual(["customer.name"]);
    expect(JSON.stringify(doc)).toContain("{{ amount | times: 2 }}");
    expect(JSON.stringify(doc)).toContain('"type":"pause","attrs":{"ms":300}');
  });

  it.each(samples)("round-trips and renders the same as the text: %j", (text) => {
    const doc = textToDoc(text);
    expect(docToText(doc)).toBe(
      text.replace("default: ''", "").replace("{{ customer.name |  }}", "{{ customer.name }}"),
    );
    for (const channel of ["sms", "email", "voice"] as const) {
      for (const context of [{}, { customer: { name: "王", tier: "vip" }, code: "42", amount: 3 }]) {
        expect(renderScript(script({ channel, doc }), { channel, context }).body).toBe(
          renderScript(script({ channel, text }), { channel, context }).body,
        );
      }
    }
  });

  it("cleans editor-only attributes", () => {
    expect(cleanDoc({ type: "variable", attrs: { name: "x", default: null, mentionSuggestionChar: "{{" } })).toEqual({
      type: "variable",
      attrs: { name: "x" },
    });
  });
});

describe("diffs", () => {
  it("diffs lines", () => {
    expect(diffLines("a\nb\nc", "a\nc\nd")).toEqual([
      { kind: "same", text: "a" },
      { kind: "removed", text: "b" },
      { kind: "same", text: "c" },
      { kind: "added", text: "d" },
    ]);
  });

  it("diffs script versions per variant", () => {
    const before: ScriptDocument = {
      schema: "journey-studio/script@1",
      key: "k",
      name: "K",
      variants: [{ channel: "sms", locale: "en", text: "Hi {{ customer.name }}" }],
    };
    const after: ScriptDocument = {
      ...before,
      variants: [
        { channel: "sms", locale: "en", doc: textToDoc("Hello {{ customer.name }}") },
        { channel: "email", locale: "en", subject: "S", text: "Body" },
      ],
    };
    const diff = diffScripts(before, after);
    expect(diff.map((d) => [d.label, d.status])).toEqual([
      ["sms · en", "changed"],
      ["email · en", "added"],
    ]);
    expect(diff[0]!.lines).toEqual([
      { kind: "removed", text: "Hi {{ customer.name }}" },
      { kind: "added", text: "Hello {{ customer.name }}" },
    ]);
  });
});
