// Issue 14, item 8: the workspace's compliance rules (policy@1 `compliance`) in the script lint.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePolicyDocument } from "../schema/parsePolicyDocument";
import { applyLintFix } from "./applyLintFix";
import { complianceLintOptions } from "./complianceLintOptions";
import { lintScript } from "./lintScript";
import { findPhrase, replacePhrase } from "./phraseMatch";
import { scriptOf } from "./scriptTestKit";

function rulesOf(compliance: unknown) {
  const parsed = parsePolicyDocument({ schema: "journey-studio/policy@1", compliance });
  if (!parsed.ok) throw new Error(parsed.message);
  return complianceLintOptions(parsed.document.compliance);
}

const rules = rulesOf({
  forbiddenPhrases: [
    { phrase: "不知道", replacement: "我帮您确认一下" },
    { phrase: "calm down", replacement: "I understand" },
    { phrase: "这是规定", severity: "warning" },
  ],
  requiredDisclosures: [
    { channel: "sms", categories: ["marketing"], anyOf: ["回T退订", "Reply STOP"], label: "退订方式" },
    { channel: "email", anyOf: ["unsubscribe", "退订"] },
  ],
  lengthLimits: [
    { channel: "sms", maxSegments: 1 },
    { channel: "wechat", maxCharacters: 20 },
    { channel: "voice", maxSeconds: 5 },
  ],
});

describe("phrase matching", () => {
  it("matches Chinese as a substring, Latin at word boundaries, full-width and case folded", () => {
    expect(findPhrase("我也不知道啊", "不知道")).toBe(2);
    expect(findPhrase("I know", "no")).toBe(-1);
    expect(findPhrase("No, sorry", "no")).toBe(0);
    expect(findPhrase("请ＣＡＬＭ　ＤＯＷＮ", "calm down")).toBe(1);
    expect(findPhrase("您先calm down一下", "calm down")).toBe(2);
    expect(findPhrase("calmdown", "calm down")).toBe(-1);
  });

  it("replaces every occurrence, keeping the rest of the text", () => {
    expect(replacePhrase("不知道，真的不知道。", "不知道", "我帮您确认一下")).toBe(
      "我帮您确认一下，真的我帮您确认一下。",
    );
    expect(replacePhrase("Calm  Down! know", "calm down", "I understand")).toBe("I understand! know");
    expect(replacePhrase("请ＣＡＬＭ ＤＯＷＮ", "calm down", "稍等")).toBe("请稍等");
  });

  it("finds a Han phrase wherever it is put, and replacing it leaves none", () => {
    const han = fc.string({ unit: fc.constantFrom(..."您好请稍等我们为办理业务的账单已出不知道"), maxLength: 30 });
    fc.assert(
      fc.property(han, han, (before, after) => {
        const text = `${before}不知道${after}`;
        expect(findPhrase(text, "不知道")).toBeGreaterThanOrEqual(0);
        expect(findPhrase(replacePhrase(text, "不知道", "我来确认"), "不知道")).toBe(-1);
      }),
    );
  });
});

describe("lint with the workspace's compliance rules", () => {
  it("minefield phrases are errors unless said otherwise, with the replacement as a fix", () => {
    const doc = scriptOf([{ channel: "chat", text: "您好\n这个我不知道，这是规定。" }]);
    const d = lintScript(doc, rules);
    expect(d.map((x) => [x.code, x.severity, x.line, x.fix?.replace])).toEqual([
      ["forbidden-phrase", "error", 2, "我帮您确认一下"],
      ["forbidden-phrase", "warning", 2, undefined],
    ]);
    const fixed = applyLintFix(doc, d[0]!);
    expect(fixed.variants[0]?.text).toBe("您好\n这个我我帮您确认一下，这是规定。");
    expect(lintScript(fixed, rules).map((x) => x.severity)).toEqual(["warning"]);
  });

  it("fixes a phrase inside an editor document's text nodes, and in a subject", () => {
    const doc = scriptOf([
      {
        channel: "email",
        subject: "Please calm down",
        doc: {
          type: "doc",
          content: [{ type: "paragraph", content: [{ type: "text", text: "我不知道。退订" }] }],
        },
      },
    ]);
    const d = lintScript(doc, rules).filter((x) => x.fix);
    expect(d.map((x) => x.field)).toEqual(["text", "subject"]);
    const fixed = d.reduce(applyLintFix, doc);
    expect(JSON.stringify(fixed.variants[0]?.doc)).toContain("我我帮您确认一下。退订");
    expect(fixed.variants[0]?.subject).toBe("Please I understand");
    expect(lintScript(fixed, rules)).toEqual([]);
  });

  it("a phrase that only a variable's default brings is found but has no in-place fix", () => {
    const doc = scriptOf([{ channel: "chat", text: "{{ reason }}" }], { variables: { reason: { default: "不知道" } } });
    const [d] = lintScript(doc, rules);
    expect(d).toMatchObject({ code: "forbidden-phrase", severity: "error" });
    expect(d?.fix).toBeUndefined();
  });

  it("required disclosures per channel and category; a script without a category counts as service", () => {
    const sms = (category?: "marketing" | "service") =>
      scriptOf([{ channel: "sms", text: "新品上市" }], category ? { category } : {});
    expect(lintScript(sms("marketing"), rules).map((x) => [x.code, x.severity, x.message])).toEqual([
      ["disclosure-missing", "error", "sms messages must carry 退订方式"],
    ]);
    // The workspace's list replaces the built-in opt-out rule: a service SMS needs no opt-out here.
    expect(lintScript(sms("service"), rules)).toEqual([]);
    expect(lintScript(sms(), rules)).toEqual([]);
    expect(lintScript(sms()).map((x) => x.code)).toEqual(["disclosure-missing"]);
    const email = scriptOf([{ channel: "email", subject: "账单", text: "您的账单已出" }]);
    expect(lintScript(email, rules).map((x) => x.code)).toEqual(["disclosure-missing"]);
  });

  it("length limits per channel are errors: SMS segments, characters, seconds of speech", () => {
    const doc = scriptOf([
      { channel: "sms", text: "您".repeat(71) },
      { channel: "sms", text: "您".repeat(70) },
      { channel: "wechat", text: "您好".repeat(11) },
      { channel: "voice", text: "您".repeat(30) },
    ]);
    expect(lintScript(doc, rules).map((x) => [x.variantIndex, x.code, x.severity, x.params?.max])).toEqual([
      [0, "sms-too-long", "error", 1],
      [2, "too-long", "error", 20],
      [3, "voice-too-long", "error", 5],
    ]);
  });

  it("the policy document refuses malformed rules", () => {
    const bad = (compliance: unknown) => parsePolicyDocument({ schema: "journey-studio/policy@1", compliance }).ok;
    expect(bad({ forbiddenPhrases: [{ phrase: "  " }] })).toBe(false);
    expect(bad({ requiredDisclosures: [{ channel: "fax", anyOf: ["x"] }] })).toBe(false);
    expect(bad({ requiredDisclosures: [{ channel: "sms", anyOf: [] }] })).toBe(false);
    expect(bad({ lengthLimits: [{ channel: "sms", maxSegments: 0 }] })).toBe(false);
    expect(bad({})).toBe(true);
  });
});
