import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runRender } from "../../cli/commands/render";

const BIRTHDAY = "flows/examples/scripts/birthday-greeting.json";

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runRender(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

function tempFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "journey-render-")), name);
  writeFileSync(file, text);
  return file;
}

describe("journey render", () => {
  it("--snippets DIR puts in the snippets a script names; without them it says which are missing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "journey-snippets-"));
    const script = (key: string, text: string, extra: object = {}) =>
      JSON.stringify({
        schema: "journey-studio/script@1",
        key,
        name: key,
        variants: [{ channel: "sms", text }],
        ...extra,
      });
    writeFileSync(join(dir, "opt-out.json"), script("opt-out", "回T退订", { kind: "snippet" }));
    writeFileSync(join(dir, "flow.json"), JSON.stringify({ schema: "journey-studio/flow@1" }));
    const bill = tempFile("bill.json", script("bill", "账单已出。[snippet opt-out]"));
    expect(await run(bill, "--channel", "sms", "--snippets", dir, "--json")).toMatchObject({
      code: 0,
      out: JSON.stringify({ channel: "sms", locale: "und", body: "账单已出。回T退订", segments: 1 }) + "\n",
    });
    expect(await run(bill, "--channel", "sms")).toEqual({
      code: 1,
      out: "",
      err: `${bill}: variants[0]: snippet "opt-out" not found (give --snippets DIR)\n`,
    });
  });

  it("prints an SMS with its segment count", async () => {
    const r = await run(
      BIRTHDAY,
      "--channel",
      "sms",
      "--locale",
      "zh-CN",
      "--context",
      '{"customer":{"name":"王女士"}}',
    );
    expect(r).toEqual({
      code: 0,
      err: "",
      out: "【客服中心】王女士，生日快乐！回T退订\n\n1 segment (UCS-2, 19 characters)\n",
    });
  });

  it("--json prints one object with the contract's fields", async () => {
    const sms = await run(BIRTHDAY, "--channel", "sms", "--locale", "en", "--json");
    expect(JSON.parse(sms.out)).toEqual({
      channel: "sms",
      locale: "en",
      body: "Happy birthday, dear customer! Reply STOP to opt out",
      segments: 1,
    });
    const email = JSON.parse(
      (
        await run(
          BIRTHDAY,
          "--channel",
          "email",
          "--locale",
          "zh-CN",
          "--json",
          "--context",
          '{"customer":{"name":"王","tier":"vip"}}',
        )
      ).out,
    );
    expect(Object.keys(email)).toEqual(["channel", "locale", "subject", "body", "text"]);
    expect(email.subject).toBe("生日快乐，王");
    expect(email.body).toContain('<a href="https://www.example.com/gifts"');
    const voice = JSON.parse((await run(BIRTHDAY, "--channel", "voice", "--locale", "zh-CN", "--json")).out);
    expect(voice.body).toMatch(/^<speak>.*<break time="300ms"\/>.*<\/speak>$/);
  });

  it("prints the email subject, HTML and plain-text part", async () => {
    const r = await run(BIRTHDAY, "--channel", "email", "--locale", "en");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /^Subject: Happy birthday, from all of us\n\n<p>Dear <strong>customer<\/strong>,<\/p>[\s\S]*--- plain text ---\nDear customer,/,
    );
  });

  it("errors are FILE: message, exit 1, no stack trace", async () => {
    const cases: [string[], RegExp][] = [
      [
        [tempFile("bad.json", '{\n  "schema": "journey-studio/script@1",\n  "key": "x" oops\n}'), "--channel", "sms"],
        /bad\.json: line 3, column \d+: is not valid JSON/,
      ],
      [
        [
          tempFile(
            "schema.json",
            JSON.stringify({
              schema: "journey-studio/script@1",
              key: "x",
              name: "x",
              variants: [{ channel: "fax", text: "x" }],
            }),
          ),
          "--channel",
          "sms",
        ],
        /schema\.json: variants\[0\]\.channel: /,
      ],
      [
        [
          tempFile(
            "liquid.json",
            JSON.stringify({
              schema: "journey-studio/script@1",
              key: "x",
              name: "x",
              variants: [{ channel: "sms", locale: "en", text: "a\n{% if %}" }],
            }),
          ),
          "--channel",
          "sms",
        ],
        /liquid\.json: variants\[0\] \(sms, en\), line 2: /,
      ],
      [
        [
          tempFile(
            "dos.json",
            JSON.stringify({
              schema: "journey-studio/script@1",
              key: "x",
              name: "x",
              variants: [{ channel: "sms", text: "{% for a in (1..1000000000) %}x{% endfor %}" }],
            }),
          ),
          "--channel",
          "sms",
        ],
        /dos\.json: variants\[0\] \(sms\), line 1: memory alloc limit exceeded/,
      ],
      [
        [
          tempFile(
            "none.json",
            JSON.stringify({
              schema: "journey-studio/script@1",
              key: "x",
              name: "x",
              fallback: [],
              variants: [{ channel: "sms", text: "x" }],
            }),
          ),
          "--channel",
          "voice",
        ],
        /none\.json: no variant of script "x" for channel voice/,
      ],
      [[BIRTHDAY, "--channel", "fax"], /birthday-greeting\.json: --channel must be one of voice, sms/],
      [[BIRTHDAY, "--channel", "sms", "--context", "[1]"], /birthday-greeting\.json: --context must be a JSON object/],
      [
        [BIRTHDAY, "--channel", "sms", "--context", "{oops"],
        /birthday-greeting\.json: --context line 1, column 2: is not valid JSON/,
      ],
      [["missing.json", "--channel", "sms"], /missing\.json: cannot be read/],
      [[BIRTHDAY], /usage: journey render FILE --channel C/],
      [[BIRTHDAY, "--channel", "sms", "--nope"], /usage: journey render/],
    ];
    for (const [argv, message] of cases) {
      const r = await run(...argv);
      expect(r.code, argv.join(" ")).toBe(1);
      expect(r.out).toBe("");
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });
});
