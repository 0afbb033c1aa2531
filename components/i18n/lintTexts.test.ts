import { describe, expect, it } from "vitest";
import { lintScript } from "../../flows/scripts/lintScript";
import type { ScriptDocument } from "../../flows/scripts/scriptDocument";
import { lintText } from "./lintTexts";

/** A script with a finding of every kind the lint has. */
const noisy: ScriptDocument = {
  schema: "journey-studio/script@1",
  key: "noisy",
  name: "Noisy",
  variants: [
    {
      channel: "sms",
      locale: "zh-CN",
      text: `${"您好，这是一条很长的短信。".repeat(12)}{{ order.id }}{{ missing | default: 'x' }} 雷区`,
    },
    { channel: "voice", locale: "zh-CN", text: `${"请稍候。".repeat(60)} [官网](https://example.com)` },
    { channel: "email", text: "[a](javascript:alert(1)) [b](/relative) [c]({{ url }})" },
    { channel: "app", text: "{% if %}" },
    { channel: "chat", text: "{{ 'x' | nosuchfilter }}" },
  ],
};

describe("script lint findings in Chinese", () => {
  const findings = lintScript(noisy, {
    availableVariables: [],
    forbiddenPhrases: [{ phrase: "雷区", replacement: "注意事项" }],
  });

  it("words every finding, filling every placeholder, and keeps English as the lint words it", () => {
    const codes = new Set(findings.map((f) => f.code));
    for (const code of ["sms-too-long", "voice-too-long", "voice-link", "unknown-variable", "forbidden-phrase"])
      expect(codes, code).toContain(code);
    expect(codes).toContain("disclosure-missing");
    expect(codes).toContain("email-subject-missing");
    expect(codes).toContain("unsafe-link");
    expect(codes).toContain("dynamic-link");
    expect(codes).toContain("liquid-syntax");
    for (const finding of findings) {
      expect(finding.params, finding.code).toBeDefined();
      const zh = lintText(finding, "zh", (v) => `<${v}>`);
      expect(zh, finding.code).toMatch(/\p{Script=Han}/u);
      expect(zh, finding.code).not.toMatch(/\{\w+\}/);
      expect(lintText(finding, "en")).toBe(finding.message);
    }
    const phrase = findings.find((f) => f.code === "forbidden-phrase")!;
    expect(lintText(phrase, "zh")).toBe("“雷区”是雷区用语：建议改为“注意事项”");
    const disclosure = findings.find((f) => f.code === "disclosure-missing")!;
    expect(lintText(disclosure, "zh", (v) => (v === "sms" ? "短信" : v))).toMatch(/^短信消息必须包含 “回T退订”/);
    const relative = findings.find((f) => f.code === "unsafe-link" && f.params?.relative === "true")!;
    expect(lintText(relative, "zh")).toBe("链接“/relative”是相对地址：只发送 http, https, mailto, tel 链接");
  });
});
