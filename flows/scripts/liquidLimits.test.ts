import { beforeAll, describe, expect, it } from "vitest";
import { renderScript, ScriptRenderError } from "./renderScript";
import { scriptOf } from "./scriptTestKit";

/**
 * Templates meant to hang or exhaust a process; each must end with a render error. The renderer's limits
 * bound the work, not the clock: the assertion is on the error, and the test timeout only stops a hang.
 */
const HOSTILE: Record<string, string> = {
  "deeply nested ifs": "{% if true %}".repeat(3000) + "x" + "{% endif %}".repeat(3000),
  "deeply nested fors": "{% for i in (1..2) %}".repeat(1000) + "x" + "{% endfor %}".repeat(1000),
  "deep nesting inside {% liquid %}":
    "{% liquid\n" + "if true\n".repeat(2000) + "echo 'x'\n" + "endif\n".repeat(2000) + "%}",
  "nested huge loops":
    "{% for a in (1..1000) %}{% for b in (1..1000) %}{% for c in (1..1000) %}x{% endfor %}{% endfor %}{% endfor %}",
  "a billion-element range": "{% for a in (1..1000000000) %}x{% endfor %}",
  "string doubling with append":
    '{% assign s = "xxxxxxxxxx" %}{% for i in (1..60) %}{% assign s = s | append: s %}{% endfor %}{{ s }}',
  "string doubling with capture":
    '{% assign s = "xxxxxxxxxx" %}{% for i in (1..60) %}{% capture s %}{{ s }}{{ s }}{% endcapture %}{% endfor %}{{ s }}',
  "huge join": '{{ (1..100000000) | join: "xxxxxxxxxxxxxxxxxxxx" }}',
  "long literal output in a loop":
    "{% for a in (1..100000) %}{% for b in (1..100000) %}" + "x".repeat(2000) + "{% endfor %}{% endfor %}",
  "tablerow over a huge range": "{% tablerow i in (1..100000000) %}{{ i }}{% endtablerow %}",
  "template larger than the parse limit": "{{ x }}".repeat(40_000),
  "self-including partial": "{% include 'self' %}",
};

describe("Liquid denial of service", () => {
  beforeAll(() => {
    renderScript(scriptOf([{ channel: "sms", text: "{% for i in (1..10) %}{{ i }}{% endfor %}" }]), { channel: "sms" });
  });

  it.each(Object.entries(HOSTILE))("%s ends with an error", (_, text) => {
    const doc = scriptOf([{ channel: "sms", text }]);
    let error: unknown;
    try {
      renderScript(doc, { channel: "sms" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScriptRenderError);
  });

  it("ordinary loops and captures still work", () => {
    const doc = scriptOf([
      {
        channel: "sms",
        text: "{% capture list %}{% for i in items %}{{ i.name }}{% unless forloop.last %}, {% endunless %}{% endfor %}{% endcapture %}已购：{{ list }}",
      },
    ]);
    const items = Array.from({ length: 200 }, (_, i) => ({ name: `p${i}` }));
    expect(renderScript(doc, { channel: "sms", context: { items } }).body).toMatch(/^已购：p0, p1, .*p199$/);
  });
});
