// Issue 14, item 14: a walk through the studio in Chinese that fails on interface text left in
// English (buttons, labels, headings, column headers, tabs, placeholders). Values that are data or
// names (node ids, event names, keys, a script's own wording) are not interface text and are skipped.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { screenshot, startStudio } from "./studioHarness";
import type { Studio } from "./studioHarness";

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio({ locale: "zh" });
  await studio.page.context().addCookies([{ name: "journey-locale", value: "zh", url: studio.url }]);
});
afterAll(async () => studio?.close());

/** Words kept as they are in Chinese: product and standard names, and codes a team reads as they are. */
const allowed = new Set(
  [
    "XState",
    "JSON",
    "API",
    "SMS",
    "SSML",
    "VIP",
    "OTP",
    "MOT",
    "SOP",
    "CSAT",
    "NPS",
    "Webhook",
    "HMAC",
    "URL",
    "ID",
    "HH",
    "MM",
    "UTC",
    "GSM",
    "UCS",
    "Admin",
  ].map((w) => w.toLowerCase()),
);

/** Interface texts on the page with an English word and no Chinese character. */
async function englishTexts(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const out: string[] = [];
    const visible = (el: Element) => (el as HTMLElement).offsetParent !== null || el.tagName === "OPTION";
    const chrome = "button, label, h1, h2, h3, th, legend, summary, [role=tab], nav a, [role=status]";
    for (const el of document.querySelectorAll(chrome)) {
      // A label's own words, not the value of the control inside it.
      const own = [...el.childNodes]
        .filter(
          (n) =>
            n.nodeType === Node.TEXT_NODE || (n instanceof HTMLElement && ["SPAN", "STRONG", "B"].includes(n.tagName)),
        )
        .map((n) => n.textContent ?? "")
        .join(" ");
      // The designer's title is the flow's name: data, in whatever language it was written.
      const data = '[data-i18n-data], .react-flow__node, code, [data-testid=sim-steps], [class*="toolbar"] h1';
      if (visible(el) && !el.closest(data)) out.push(own);
    }
    for (const el of document.querySelectorAll("input[placeholder], textarea[placeholder]"))
      if (visible(el)) out.push(el.getAttribute("placeholder") ?? "");
    return out;
  });
  return [
    ...new Set(
      texts
        .map((t) => t.replace(/\s+/g, " ").trim())
        .filter((t) => !/\p{Script=Han}/u.test(t))
        .filter((t) =>
          // Words of three or more letters that are not identifiers (a.b, a-b, a_b, camelCase) or allowed names.
          t
            .split(/[^A-Za-z0-9._-]+/)
            .some((w) => /^[A-Za-z]{3,}$/.test(w) && !/[a-z][A-Z]/.test(w) && !allowed.has(w.toLowerCase())),
        ),
    ),
  ];
}

describe("the studio in Chinese", () => {
  it("has no interface text left in English on the pages a designer and a content editor use", async () => {
    const { page, url } = studio;
    const found: Record<string, string[]> = {};
    const visit = async (name: string, path: string, act?: () => Promise<void>) => {
      await page.goto(`${url}${path}`);
      await page.waitForLoadState("networkidle");
      if (act) await act();
      const english = await englishTexts(page);
      if (english.length) found[name] = english;
      await screenshot(page, `zh-walk-${name}`);
    };
    await visit("flows", "/flows");
    await visit("designer", "/flows/card-transfer-stepup");
    await visit("simulator", "/flows/card-transfer-stepup", async () => {
      await page.getByRole("tab", { name: "模拟" }).click();
      await page.getByRole("button", { name: "开始模拟" }).click();
      await page.getByRole("button", { name: "customer.identified" }).click();
    });
    await visit("versions", "/flows/card-transfer-stepup", async () => {
      await page.getByRole("tab", { name: "版本" }).click();
    });
    await visit("get-started", "/get-started");
    await visit("interactions", "/interactions");
    await visit("scripts", "/scripts");
    await visit("script", "/scripts/greeting");
    await visit("settings", "/settings");
    await visit("members", "/settings/members");
    await visit("folders", "/settings/folders");
    await visit("api-keys", "/settings/api-keys");
    await visit("audit", "/settings/audit");
    expect(found).toEqual({});
  });
});
