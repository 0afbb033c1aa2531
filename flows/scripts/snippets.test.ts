// Issue 14, item 7: snippets (a disclosure, a signature) put into many scripts, resolved purely.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lintScript } from "./lintScript";
import { preparedToText } from "./preparedToText";
import { docToTemplate } from "./docToTemplate";
import { prepareText } from "./prepareText";
import { renderScript } from "./renderScript";
import type { ScriptDocument, TiptapNode } from "./scriptDocument";
import { resolveSnippets, snippetKeys } from "./snippets";
import { scriptOf } from "./scriptTestKit";

const optOut = scriptOf(
  [
    { channel: "sms", locale: "zh-CN", text: "回T退订" },
    { channel: "sms", locale: "en", text: "Reply STOP to opt out" },
    { channel: "email", locale: "zh-CN", text: "如不想再收到，请[退订](https://x.example/u)" },
  ],
  { key: "opt-out", kind: "snippet" },
);
const signature = scriptOf([{ channel: "sms", text: "{{ agent | default: '客服' }} 敬上 [snippet opt-out]" }], {
  key: "signature",
  kind: "snippet",
  variables: { agent: { default: "小王" } },
});
const library = new Map<string, ScriptDocument>([
  ["opt-out", optOut],
  ["signature", signature],
]);

const paragraph = (...content: TiptapNode[]): TiptapNode => ({
  type: "doc",
  content: [{ type: "paragraph", content }],
});
const chip = (key: string): TiptapNode => ({ type: "snippet", attrs: { key } });

describe("snippets", () => {
  it("puts a snippet's variant for the same channel and locale into text and editor variants", () => {
    const bill = scriptOf([
      { channel: "sms", locale: "zh-CN", doc: paragraph({ type: "text", text: "您的账单已出。" }, chip("opt-out")) },
      { channel: "sms", locale: "en", text: "Your bill is ready. [snippet opt-out]" },
      {
        channel: "email",
        locale: "zh-CN",
        subject: "账单",
        doc: paragraph({ type: "text", text: "您好。" }, chip("opt-out")),
      },
    ]);
    expect(snippetKeys(bill)).toEqual(["opt-out"]);
    const render = (channel: "sms" | "email", locale: string) =>
      renderScript(bill, { channel, locale, snippets: library }).body;
    expect(render("sms", "zh-CN")).toBe("您的账单已出。回T退订");
    expect(render("sms", "en")).toBe("Your bill is ready. Reply STOP to opt out");
    expect(render("email", "zh-CN")).toMatch(/您好。如不想再收到，请<a href="https:\/\/x.example\/u"[^>]*>退订<\/a>/);
    expect(lintScript(bill, { snippets: library })).toEqual([]);
    // Without the library the snippet says nothing, so the SMS misses its opt-out words.
    expect(lintScript(bill).map((d) => d.code)).toContain("disclosure-missing");
  });

  it("snippets inside snippets, with the snippets' variable defaults", () => {
    const notice = scriptOf([{ channel: "sms", locale: "zh-CN", text: "已到账。[snippet signature]" }]);
    expect(renderScript(notice, { channel: "sms", locale: "zh-CN", snippets: library }).body).toBe(
      "已到账。小王 敬上 回T退订",
    );
    expect(
      renderScript(notice, { channel: "sms", locale: "zh-CN", snippets: library, context: { agent: "李娜" } }).body,
    ).toBe("已到账。李娜 敬上 回T退订");
  });

  it("missing snippets, scripts used as snippets and cycles are errors, and put in nothing", () => {
    const loopA = scriptOf([{ channel: "chat", text: "A[snippet loop-b]" }], { key: "loop-a", kind: "snippet" });
    const loopB = scriptOf([{ channel: "chat", text: "B[snippet loop-a]" }], { key: "loop-b", kind: "snippet" });
    const plain = scriptOf([{ channel: "chat", text: "整段话术" }], { key: "plain" });
    const lib = new Map([...library, ["loop-a", loopA], ["loop-b", loopB], ["plain", plain]]);
    const doc = scriptOf([{ channel: "chat", text: "[snippet nope][snippet plain][snippet loop-a]!" }]);
    const d = lintScript(doc, { snippets: lib });
    expect(d.map((x) => [x.code, x.severity, x.params?.trail])).toEqual([
      ["snippet-missing", "error", "test-script → nope"],
      ["snippet-not-snippet", "error", "test-script → plain"],
      ["snippet-cycle", "error", "test-script → loop-a → loop-b → loop-a"],
    ]);
    expect(renderScript(doc, { channel: "chat", snippets: lib }).body).toBe("AB!");
    expect(resolveSnippets(loopA, lib).problems.map((p) => p.kind)).toEqual(["cycle"]);
  });

  it("a minefield phrase a snippet brings is found, but fixed in the snippet, not in the script", () => {
    const sorry = scriptOf([{ channel: "chat", text: "我也不知道" }], { key: "sorry", kind: "snippet" });
    const lib = new Map([["sorry", sorry]]);
    const doc = scriptOf([{ channel: "chat", text: "您好，不知道。[snippet sorry]" }]);
    const phrases = [{ phrase: "不知道", replacement: "我来确认", severity: "error" as const }];
    expect(lintScript(doc, { snippets: lib, forbiddenPhrases: phrases }).map((d) => d.fix?.replace)).toEqual([
      "我来确认",
    ]);
    const only = scriptOf([{ channel: "chat", text: "您好。[snippet sorry]" }]);
    const [d] = lintScript(only, { snippets: lib, forbiddenPhrases: phrases });
    expect(d).toMatchObject({ code: "forbidden-phrase", severity: "error" });
    expect(d?.fix).toBeUndefined();
  });

  it("a snippet alone is not held to whole-message rules (its SMS needs no opt-out words)", () => {
    const sig = scriptOf([{ channel: "sms", text: "客服小王" }], { key: "sig", kind: "snippet" });
    expect(lintScript(sig)).toEqual([]);
  });

  it("a script that uses no snippet is resolved to itself", () => {
    const doc = scriptOf([{ channel: "chat", text: "hello" }]);
    expect(resolveSnippets(doc, library).document).toBe(doc);
  });

  it("an editor document as light-markup text prepares to the same template", () => {
    const word = fc.stringMatching(/^[a-z您好账单]{1,6}$/);
    const inline = fc.oneof(
      word.map((text): TiptapNode => ({ type: "text", text })),
      word.map((text): TiptapNode => ({ type: "text", text, marks: [{ type: "bold" }] })),
      word.map((text): TiptapNode => ({
        type: "text",
        text,
        marks: [{ type: "link", attrs: { href: "https://x.example/a" } }],
      })),
      fc.constantFrom<TiptapNode>(
        { type: "variable", attrs: { name: "customer.name", default: "客户" } },
        { type: "pause", attrs: { ms: 300 } },
        { type: "hardBreak" },
      ),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(inline, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 3 }),
        (paras) => {
          // Neighbouring text nodes with the same marks are one node in the editor.
          const doc: TiptapNode = {
            type: "doc",
            content: paras.map((content) => ({ type: "paragraph", content: separateRuns(content) })),
          };
          const source = docToTemplate(doc).source;
          expect(prepareText(preparedToText(source)).source).toBe(source);
        },
      ),
    );
  });
});

/** Puts a plain space between two runs that the editor would merge or that would read as one markup run. */
function separateRuns(content: TiptapNode[]): TiptapNode[] {
  return content.flatMap((n, i) => (i > 0 ? [{ type: "text", text: " " }, n] : [n]));
}
