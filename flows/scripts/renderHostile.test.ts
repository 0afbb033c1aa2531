import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderScript } from "./renderScript";
import { checkWellFormedXml, htmlTags, scriptOf } from "./scriptTestKit";

/** Classic payloads: DOMPurify's bypass tests, the OWASP filter-evasion sheet, mutation XSS. */
const XSS_CORPUS = [
  "<script>alert(1)</script>",
  "<ScRiPt>alert(1)</sCrIpT>",
  "<img src=x onerror=alert(1)>",
  "<img src=x OnErRoR=alert(1)//",
  "<svg onload=alert(1)>",
  "<svg/onload=alert(1)>",
  "<svg><script>alert(1)</script></svg>",
  '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
  "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  '<math><mi><mglyph><svg><mtext><textarea><path id="</textarea><img onerror=alert(1) src=1>">',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
  '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href="&#106;avascript:alert(1)">x</a>',
  '<a href="java&#x09;script:alert(1)">x</a>',
  '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)">',
  '<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  "<form><button formaction=javascript:alert(1)>x</button></form>",
  "<details open ontoggle=alert(1)>",
  "<body onload=alert(1)>",
  "<style>@import 'javascript:alert(1)';</style>",
  "<template><script>alert(1)</script></template>",
  "<![CDATA[<script>alert(1)</script>]]>",
  "<!--<img src=x onerror=alert(1)>-->",
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  '" onmouseover="alert(1)',
  '<img src="x` `<script>alert(1)</script>"` `>',
  '<a href="\u0001javascript:alert(1)">x</a>',
  "[a](javascript:alert(1))",
  "[a](JaVaScRiPt:alert(1))",
  "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "**bold** [pause 10s] {{ 7*7 }} {% raw %}",
  "\uE002x\uE003javascript:alert(1)\uE004",
  "\uE000</p><script>alert(1)</script>\uE001",
];

const UNSAFE_URLS = [
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  " javascript:alert(1)",
  "java\tscript:alert(1)",
  "java\nscript:alert(1)",
  "\u0000javascript:alert(1)",
  "javascript&colon;alert(1)",
  "&#106;avascript:alert(1)",
  "%6Aavascript:alert(1)",
  "vbscript:msgbox(1)",
  "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
  "DATA:image/svg+xml,<svg onload=alert(1)>",
  "file:///etc/passwd",
  "//evil.example.com",
  "/relative",
  '" onclick="alert(1)',
];

const ALLOWED_TAGS = new Set(["p", "br", "strong", "a"]);

function assertInertHtml(html: string): void {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<(svg|img|iframe|object|embed|style|math|form|body|details|template)/i);
  for (const tag of htmlTags(html)) {
    expect(ALLOWED_TAGS.has(tag.name), tag.raw).toBe(true);
    expect(tag.raw).not.toMatch(/\son\w+\s*=/i);
    for (const [name, value] of Object.entries(tag.attrs)) {
      expect(["href", "target", "rel"]).toContain(name);
      if (name === "href") expect(value).toMatch(/^(https?|mailto|tel):/i);
    }
  }
  // every "<" in the output starts one of our own tags
  expect(html.replace(/<\/?(p|br|strong|a)(\s[^<>]*)?>/g, "")).not.toContain("<");
}

const email = scriptOf([
  {
    channel: "email",
    subject: "Hello {{ customer.name }}",
    text: "**{{ customer.name }}**, hello {{ customer.name | raw }} {{ customer.name | url_decode }}\n\n[{{ customer.name }}]({{ customer.url }}) [site](https://example.com/?q={{ customer.name }})",
  },
]);

describe("email HTML renders hostile values inert", () => {
  it.each(XSS_CORPUS)("value %j", (payload) => {
    const out = renderScript(email, { channel: "email", context: { customer: { name: payload, url: payload } } });
    assertInertHtml(out.body);
    expect(out.subject).not.toMatch(/[\r\n]/);
  });

  it.each(UNSAFE_URLS)("link address from data %j is dropped", (url) => {
    const out = renderScript(email, { channel: "email", context: { customer: { name: "Ann", url } } });
    assertInertHtml(out.body);
    expect(htmlTags(out.body).filter((t) => t.name === "a" && t.attrs.href !== undefined)).toHaveLength(1);
  });

  it.each(UNSAFE_URLS.filter((u) => !/\s/.test(u)))("link address written in the template %j is dropped", (url) => {
    const doc = scriptOf([{ channel: "email", text: `[click](${url}) after` }]);
    const out = renderScript(doc, { channel: "email" });
    assertInertHtml(out.body);
    expect(out.body).not.toMatch(/href=/);
  });

  it("url_decode cannot forge markup from encoded sentinels", () => {
    const doc = scriptOf([{ channel: "email", text: "{{ v | url_decode }}" }]);
    const forged = encodeURIComponent("\uE002x\uE003javascript:alert(1)\uE004\uE000b\uE001");
    const out = renderScript(doc, { channel: "email", context: { v: forged } });
    expect(out.body).toBe("<p>xjavascript:alert(1)b</p>");
  });

  it("allowed protocols keep their link, attribute-escaped", () => {
    const doc = scriptOf([
      { channel: "email", text: '[a](HTTPS://x.example/?a=1&b="2") [b](mailto:a@example.com) [c](tel:+8610)' },
    ]);
    const out = renderScript(doc, { channel: "email" });
    expect(
      htmlTags(out.body)
        .filter((t) => t.raw.startsWith("<a "))
        .map((t) => t.attrs.href),
    ).toEqual(["HTTPS://x.example/?a=1&b=%222%22", "mailto:a@example.com", "tel:+8610"]);
    assertInertHtml(out.body);
  });
});

describe("customer values cannot inject light markup", () => {
  const doc = scriptOf([{ channel: "chat", text: "Hi {{ customer.name }}! [Pay]({{ customer.url }})" }]);
  it.each(["**x**", "[a](javascript:alert(1))", "<script>alert(1)</script>", "\\**x\\**", "[pause 10s]"])(
    "chat: %j shows literally",
    (name) => {
      const out = renderScript(doc, { channel: "chat", context: { customer: { name, url: "javascript:alert(1)" } } });
      const unescaped = out.body.replace(/\\([\\*[\]])/g, "$1");
      expect(unescaped).toBe(`Hi ${name}! Pay`);
      expect(out.body).not.toMatch(/(^|[^\\])\*\*/);
      expect(out.body).not.toMatch(/(^|[^\\])\]\(/);
    },
  );

  it("sms and plain channels show the value as typed", () => {
    const sms = scriptOf([{ channel: "sms", text: "Hi {{ n }}" }]);
    expect(renderScript(sms, { channel: "sms", context: { n: "**x** [a](javascript:alert(1)) <b>" } }).body).toBe(
      "Hi **x** [a](javascript:alert(1)) <b>",
    );
  });
});

describe("voice SSML stays well-formed for any customer value", () => {
  const voice = scriptOf([
    {
      channel: "voice",
      text: "您好{{ customer.name }}，[pause 300ms] **{{ customer.name }}** [link]({{ customer.name }}) 再见。",
    },
  ]);
  const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
  const interesting = fc.constantFrom(
    "<",
    ">",
    "&",
    '"',
    "'",
    '<break time="10s"/>',
    "]]>",
    "<!--",
    "&amp;",
    "\uE000",
    "\uE005",
    "\uD800",
    "\u0000",
    "\n",
    "**",
    "[pause 1s]",
  );
  const value = fc
    .array(fc.oneof(fc.string({ unit: anyUnit }), interesting), { maxLength: 8 })
    .map((parts) => parts.join(""));

  it("property: parses as XML with exactly the template's own break", () => {
    fc.assert(
      fc.property(value, (name) => {
        const out = renderScript(voice, { channel: "voice", context: { customer: { name } } });
        const elements = checkWellFormedXml(out.body);
        expect(elements[0]?.name).toBe("speak");
        expect(elements.filter((e) => e.name === "break")).toEqual([{ name: "break", attrs: { time: "300ms" } }]);
        expect(elements.every((e) => ["speak", "break", "emphasis"].includes(e.name))).toBe(true);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 500) },
    );
  });

  it("a value containing <break/> is read, not obeyed", () => {
    const out = renderScript(voice, { channel: "voice", context: { customer: { name: '<break time="10s"/>' } } });
    expect(out.body).toContain("&lt;break time=&quot;10s&quot;/&gt;");
    expect(out.body.match(/<break /g)).toHaveLength(1);
  });
});
