import { describe, expect, it } from "vitest";
import { renderScript, ScriptRenderError } from "./renderScript";
import { checkWellFormedXml, scriptOf } from "./scriptTestKit";

const birthday = scriptOf([
  { channel: "sms", locale: "zh-CN", text: "{{ customer.name | default: '尊敬的客户' }}，生日快乐！回T退订" },
  {
    channel: "sms",
    locale: "en",
    text: "Happy birthday {{ customer.name | default: 'friend' }}! Reply STOP to opt out",
  },
  {
    channel: "email",
    locale: "zh-CN",
    subject: "生日快乐，{{ customer.name }}",
    text: "**{{ customer.name }}**，祝您生日快乐。{% if customer.tier == 'vip' %}您的专属礼遇已到账。{% endif %}\n第二行\n\n[查看礼遇](https://example.com/gift?c={{ customer.id }})",
  },
  { channel: "voice", locale: "zh-CN", text: "您好{{ customer.name }}，[pause 300ms] 祝您**生日**快乐。[pause 1.5s]" },
  { channel: "chat", locale: "zh-CN", text: "**{{ customer.name }}**，生日快乐！[查看礼遇](https://example.com/gift)" },
  {
    channel: "app",
    locale: "zh-CN",
    title: "生日快乐，{{ customer.name }}",
    text: "**{{ customer.name }}**，礼遇已到账 [查看](https://example.com/gift)",
  },
]);
const wang = { customer: { name: "王女士", tier: "vip", id: "c-1" } };

describe("renderScript per channel", () => {
  it("sms: plain text with its segment count and encoding", () => {
    const out = renderScript(birthday, { channel: "sms", locale: "zh-CN", context: wang });
    expect(out).toMatchObject({
      channel: "sms",
      locale: "zh-CN",
      body: "王女士，生日快乐！回T退订",
      segments: 1,
      encoding: "ucs2",
    });
    const en = renderScript(birthday, { channel: "sms", locale: "en", context: { customer: { name: "Ann" } } });
    expect(en).toMatchObject({ body: "Happy birthday Ann! Reply STOP to opt out", segments: 1, encoding: "gsm7" });
  });

  it("sms: a link becomes its words then its address", () => {
    const doc = scriptOf([{ channel: "sms", text: "Pay: [here](https://pay.example.com/{{ id }}) now" }]);
    expect(renderScript(doc, { channel: "sms", context: { id: 7 } }).body).toBe(
      "Pay: here https://pay.example.com/7 now",
    );
  });

  it("voice: SSML with breaks for pauses and emphasis for bold", () => {
    const out = renderScript(birthday, { channel: "voice", locale: "zh-CN", context: wang });
    expect(out.body).toBe(
      '<speak>您好王女士，<break time="300ms"/> 祝您<emphasis>生日</emphasis>快乐。<break time="1500ms"/></speak>',
    );
    checkWellFormedXml(out.body);
  });

  it("email: subject, HTML built from the markup, and a plain-text part", () => {
    const out = renderScript(birthday, { channel: "email", locale: "zh-CN", context: wang });
    expect(out.subject).toBe("生日快乐，王女士");
    expect(out.body).toBe(
      "<p><strong>王女士</strong>，祝您生日快乐。您的专属礼遇已到账。<br>\n第二行</p>\n" +
        '<p><a href="https://example.com/gift?c=c-1" target="_blank" rel="noopener noreferrer">查看礼遇</a></p>',
    );
    expect(out.text).toBe(
      "王女士，祝您生日快乐。您的专属礼遇已到账。\n第二行\n\n查看礼遇 (https://example.com/gift?c=c-1)",
    );
  });

  it("email: without a subject, the script's name is the subject; a value's newline cannot break the header", () => {
    const doc = scriptOf([
      { channel: "email", subject: "Hi {{ name }}", text: "x" },
      { channel: "chat", text: "y" },
    ]);
    expect(renderScript(doc, { channel: "email", context: { name: "a\r\nBcc: evil@example.com" } }).subject).toBe(
      "Hi a Bcc: evil@example.com",
    );
    const noSubject = scriptOf([{ channel: "chat", text: "y" }]);
    expect(renderScript(noSubject, { channel: "email" }).subject).toBe("Test script");
  });

  it("chat: the light markup kept as text", () => {
    const out = renderScript(birthday, { channel: "chat", locale: "zh-CN", context: wang });
    expect(out.body).toBe("**王女士**，生日快乐！[查看礼遇](https://example.com/gift)");
  });

  it("app: a plain title and plain body; textMarkup can keep the markup", () => {
    const out = renderScript(birthday, { channel: "app", locale: "zh-CN", context: wang });
    expect(out).toMatchObject({ title: "生日快乐，王女士", body: "王女士，礼遇已到账 查看 https://example.com/gift" });
    const md = renderScript(birthday, { channel: "app", locale: "zh-CN", context: wang, textMarkup: "markdown" });
    expect(md.body).toBe("**王女士**，礼遇已到账 [查看](https://example.com/gift)");
  });

  it("wechat and social fall back to chat and are plain; video keeps the markup", () => {
    for (const channel of ["wechat", "social"] as const) {
      expect(renderScript(birthday, { channel, locale: "zh-CN", context: wang }).body).toBe(
        "王女士，生日快乐！查看礼遇 https://example.com/gift",
      );
    }
    expect(renderScript(birthday, { channel: "video", locale: "zh-CN", context: wang }).body).toBe(
      "**王女士**，生日快乐！[查看礼遇](https://example.com/gift)",
    );
  });

  it("reports which variant was used and its locale", () => {
    const out = renderScript(birthday, { channel: "voice", locale: "en", context: {} });
    expect(out).toMatchObject({ locale: "zh-CN", variantIndex: 3 });
  });
});

describe("missing variables", () => {
  it("render their default or empty, never undefined or [object Object]", () => {
    const doc = scriptOf([
      {
        channel: "chat",
        text: "[{{ customer.name }}][{{ a.b.c }}][{{ customer }}][{{ list }}][{{ n | default: 'x' }}][{{ z | default: 0 }}]",
      },
    ]);
    expect(renderScript(doc, { channel: "chat", context: { customer: { id: 1 }, list: [1, 2], n: null } }).body).toBe(
      "\\[\\]\\[\\]\\[\\]\\[12\\]\\[x\\]\\[0\\]",
    );
    const plain = scriptOf([{ channel: "sms", text: "Hi {{ customer.name }}{{ nothing }}!" }]);
    expect(renderScript(plain, { channel: "sms", context: {} }).body).toBe("Hi !");
  });

  it("use the script-level default when the value is missing, null or empty, without touching the context", () => {
    const doc = scriptOf([{ channel: "sms", text: "{{ customer.name }}，您好 {{ greeting }}" }], {
      variables: { "customer.name": { default: "尊敬的客户" }, greeting: { default: "!" }, unused: {} },
    });
    for (const customer of [undefined, {}, { name: null }, { name: "" }]) {
      const context = customer === undefined ? {} : { customer };
      const before = JSON.stringify(context);
      expect(renderScript(doc, { channel: "sms", context }).body).toBe("尊敬的客户，您好 !");
      expect(JSON.stringify(context)).toBe(before);
    }
    expect(renderScript(doc, { channel: "sms", context: { customer: { name: "李" }, greeting: "?" } }).body).toBe(
      "李，您好 ?",
    );
  });
});

describe("errors", () => {
  it("a Liquid syntax error names the variant, field and line", () => {
    const doc = scriptOf([{ channel: "sms", text: "line one\n{% if %}x{% endif %}" }]);
    const error = catchError(() => renderScript(doc, { channel: "sms" }));
    expect(error).toBeInstanceOf(ScriptRenderError);
    expect(error).toMatchObject({ code: "liquid-syntax", variantIndex: 0, field: "text", line: 2 });
  });

  it("no usable variant is an error", () => {
    const doc = scriptOf([{ channel: "email", text: "x" }], { fallback: ["sms"] });
    expect(catchError(() => renderScript(doc, { channel: "voice" }))).toMatchObject({ code: "no-variant" });
  });

  it("partials and layouts are refused: there is no file system", () => {
    for (const text of ["{% include 'secrets' %}", "{% render '/etc/passwd' %}", "{% layout 'x' %}body"]) {
      const doc = scriptOf([{ channel: "chat", text }]);
      expect(catchError(() => renderScript(doc, { channel: "chat" }))).toMatchObject({ code: "liquid-syntax" });
    }
  });

  it("only own properties are visible to a template", () => {
    const customer = Object.assign(Object.create({ secret: "inherited" }) as object, { name: "Ann" });
    const doc = scriptOf([
      {
        channel: "sms",
        text: "{{ customer.name }}|{{ customer.secret }}|{{ customer.constructor }}|{{ customer.__proto__ }}|{{ customer.toString }}",
      },
    ]);
    expect(renderScript(doc, { channel: "sms", context: { customer } }).body).toBe("Ann||||");
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected an error");
}
