import { describe, expect, it } from "vitest";
import { renderScript } from "./renderScript";
import type { TiptapNode } from "./scriptDocument";
import { scriptOf } from "./scriptTestKit";

const p = (...content: TiptapNode[]): TiptapNode => ({ type: "paragraph", content });
const t = (text: string, ...marks: string[]): TiptapNode => ({
  type: "text",
  text,
  marks: marks.map((type) => ({ type })),
});

describe("Tiptap doc variants render exactly like text", () => {
  const doc: TiptapNode = {
    type: "doc",
    content: [
      p(
        t("您好，"),
        { type: "variable", attrs: { name: "customer.name", default: "尊敬的客户" } },
        t("！"),
        { type: "hardBreak" },
        t("重要", "bold"),
        t(" 提示"),
      ),
      { type: "conditional", attrs: { when: "customer.tier == 'vip'" }, content: [p(t("VIP 专享"))] },
      {
        type: "bulletList",
        content: [
          { type: "listItem", content: [p(t("一"))] },
          { type: "listItem", content: [p(t("二"))] },
        ],
      },
      p(
        {
          type: "text",
          text: "查看",
          marks: [{ type: "link", attrs: { href: "https://x.example/{{ customer.id }}" } }],
        },
        t(" "),
        { type: "text", text: "bad", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] },
      ),
      p(t("literal **stars** and [x](https://y.example) typed as text"), { type: "pause", attrs: { ms: 400 } }),
    ],
  };
  const script = scriptOf([{ channel: "chat", doc }]);

  it("chat", () => {
    const out = renderScript(script, { channel: "chat", context: { customer: { name: "王", tier: "vip", id: "c1" } } });
    expect(out.body).toBe(
      "您好，王！\n**重要** 提示\n\nVIP 专享\n\n• 一\n• 二\n\n[查看](https://x.example/c1) bad\n\nliteral \\*\\*stars\\*\\* and \\[x\\](https://y.example) typed as text",
    );
  });

  it("email and voice, with the chip's default", () => {
    const email = renderScript(script, { channel: "email", context: {} });
    expect(email.body).toContain("<p>您好，尊敬的客户！<br>\n<strong>重要</strong> 提示</p>");
    expect(email.body).not.toContain("VIP");
    expect(email.body).not.toContain("javascript");
    expect(renderScript(script, { channel: "voice", context: {} }).body).toMatch(
      /typed as text<break time="400ms"\/><\/speak>$/,
    );
  });

  it("ignores bad chips and unknown nodes gracefully", () => {
    const odd = scriptOf([
      {
        channel: "sms",
        doc: {
          type: "doc",
          content: [
            p(
              { type: "variable", attrs: { name: "x }}{{ evil" } },
              { type: "emoji", attrs: { name: "smile" } },
              t("ok"),
              { type: "custom", content: [t("!")] },
            ),
          ],
        },
      },
    ]);
    expect(renderScript(odd, { channel: "sms" }).body).toBe("ok!");
  });
});
