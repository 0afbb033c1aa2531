import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintScript } from "./lintScript";
import { renderScript } from "./renderScript";
import { parseScriptDocument, scriptChannels } from "./scriptDocument";

const DIR = "flows/examples/scripts";
const KEYS = [
  "birthday-greeting",
  "branch-referral",
  "csat-survey",
  "escalation-notice",
  "greeting",
  "nps-survey",
  "otp-code",
  "otp-sent",
  "pay-bill",
  "register-product",
  "warranty-result",
  "welcome",
];

describe("example script documents", () => {
  it("are exactly the scripts the example journeys use", () => {
    expect(
      readdirSync(DIR)
        .filter((f) => f.endsWith(".json"))
        .map((f) => f.replace(/\.json$/, ""))
        .sort(),
    ).toEqual(KEYS);
  });

  it.each(KEYS)("%s parses, lints clean, has chat and SMS variants, and renders on every channel", (key) => {
    const parsed = parseScriptDocument(JSON.parse(readFileSync(join(DIR, `${key}.json`), "utf8")));
    if (!parsed.ok) throw new Error(parsed.message);
    const doc = parsed.document;
    expect(doc.key).toBe(key);
    expect(doc.variants.some((v) => v.channel === "chat")).toBe(true);
    expect(doc.variants.some((v) => v.channel === "sms")).toBe(true);
    expect(lintScript(doc, { availableVariables: ["productAgeMonths", "amount", "csat", "nps", "code"] })).toEqual([]);
    const contexts = [
      {},
      { customer: { name: "王女士", tier: "vip", id: "c 1", phoneLast4: "1234" }, productAgeMonths: 12 },
    ];
    for (const channel of scriptChannels) {
      for (const locale of ["zh-CN", "en"]) {
        for (const context of contexts) {
          const out = renderScript(doc, { channel, locale, context });
          expect(out.body).not.toMatch(/undefined|\[object Object\]|\{\{|\{%/);
          if (channel === "sms") expect(out.body).toMatch(/回T退订|Reply STOP/);
        }
      }
    }
  });
});
