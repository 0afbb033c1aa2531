// Issue 14, item 14: a walk through the studio in Chinese that fails on interface text left in
// English (buttons, labels, headings, column headers, tabs, placeholders). Values that are data or
// names (node ids, event names, keys, a script's own wording) are not interface text and are skipped.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { screenshot, startStudio } from "./studioHarness";
import type { Studio } from "./studioHarness";

const root = join(import.meta.dirname, "..", "..");
let studio: Studio;
let apiKey: string;
/** Interactions made over the API for the screens that show them: ended, still waiting, cancelled. */
const ids: Record<string, string> = {};

async function api(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${studio.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  expect(res.status, `${method} ${path}`).toBeLessThan(300);
  return (await res.json()) as Record<string, unknown>;
}

async function run(name: string, events: { type: string; data?: unknown }[], cancel = false): Promise<void> {
  // A customer with a profile the 360° view shows: a name, addresses and a withdrawn consent.
  await api("PUT", `/customers/walk-${name}`, {
    name: "Wang Fang",
    preferredChannel: "sms",
    locale: "zh-CN",
    addresses: [
      { channel: "sms", address: `+86138000${String(Object.keys(ids).length).padStart(5, "0")}` },
      { channel: "email", address: `${name}@example.com` },
    ],
    consent: { email: false },
  });
  const started = await api("POST", "/interactions", {
    flow: "card-transfer-stepup",
    channel: "chat",
    customer: { id: `walk-${name}` },
    context: { amount: 1200 },
  });
  const id = String(started.id);
  for (const event of events) await api("POST", `/interactions/${id}/events`, event);
  if (cancel) await api("POST", `/interactions/${id}/cancel`, {});
  ids[name] = id;
}

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "journey-zh-walk-"));
  apiKey =
    execFileSync(process.execPath, [join(root, "bin", "journey.js"), "api-key", "create", "--name", "walk"], {
      cwd: root,
      env: { ...process.env, JOURNEY_DATA_DIR: dataDir, DATABASE_URL: "" },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    })
      .trim()
      .split("\n")
      .pop() ?? "";
  studio = await startStudio({ locale: "zh", env: { JOURNEY_DATA_DIR: dataDir } });
  await studio.page.context().addCookies([{ name: "journey-locale", value: "zh", url: studio.url }]);
  await run("resolved", [
    { type: "customer.identified" },
    { type: "answer", data: { value: "transfer" } },
    { type: "verify.passed" },
    { type: "next" },
    { type: "transfer.succeeded" },
    { type: "next" },
    { type: "survey.answered", data: { score: 4, comment: "等待时间有点长" } },
  ]);
  await run("waiting", [{ type: "customer.identified" }]);
  await run("cancelled", [{ type: "customer.identified" }], true);
}, 180_000);
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

/**
 * Where the studio shows the runtime's values (statuses, outcomes, reasons, channels, kinds of message,
 * cap windows): table cells, definition lists, options, and the replay's and the 360° view's status lines.
 * A cell that holds data (a flow's key, a customer's name or address, a node id) says so with
 * `data-i18n-data`; every other word in it is interface text.
 */
const valueCells =
  "td, dd, dt, option, [data-testid=replay-status], [data-testid=replay-message] > div:first-child, [data-testid=timeline-status]";

/** Interface texts on the page with an English word and no Chinese character. */
async function englishTexts(page: Page, cells = false): Promise<string[]> {
  const texts = await page.evaluate(
    (extra) => {
      const out: string[] = [];
      // An option shows when its list does (a closed <select> shows only the chosen one, but opens to all).
      const visible = (el: Element): boolean =>
        el.tagName === "OPTION"
          ? el.parentElement !== null && visible(el.closest("select") ?? el.parentElement)
          : (el as HTMLElement).offsetParent !== null;
      const chrome = `button, label, h1, h2, h3, th, legend, summary, [role=tab], nav a, [role=status]${extra}`;
      for (const el of document.querySelectorAll(chrome)) {
        // A label's own words, not the value of the control inside it.
        const own = [...el.childNodes]
          .filter(
            (n) =>
              n.nodeType === Node.TEXT_NODE ||
              (n instanceof HTMLElement &&
                ["SPAN", "STRONG", "B"].includes(n.tagName) &&
                !n.hasAttribute("data-i18n-data")),
          )
          .map((n) => n.textContent ?? "")
          .join(" ");
        // The designer's title is the flow's name: data, in whatever language it was written.
        const data = '[data-i18n-data], .react-flow__node, code, [data-testid=sim-steps], [class*="toolbar"] h1';
        if (visible(el) && !el.closest(data)) out.push(own);
      }
      for (const el of document.querySelectorAll("input[placeholder], textarea[placeholder]"))
        if (visible(el) && !el.closest("[data-i18n-data]")) out.push(el.getAttribute("placeholder") ?? "");
      return out;
    },
    cells ? `, ${valueCells}` : "",
  );
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

  it("shows the runtime's statuses, outcomes, reasons and channels in Chinese wherever they appear", async () => {
    const { page, url } = studio;
    const found: Record<string, string[]> = {};
    const visit = async (name: string, path: string, ready: () => Promise<unknown>, act?: () => Promise<void>) => {
      await page.goto(`${url}${path}`);
      await page.waitForLoadState("networkidle");
      await ready();
      if (act) await act();
      const english = await englishTexts(page, true);
      if (english.length) found[name] = english;
      await screenshot(page, `zh-walk-values-${name}`);
    };
    const list = page.getByTestId("interaction-list");
    await visit("interactions", "/interactions", () =>
      expect.poll(() => list.locator("tbody tr").count()).toBeGreaterThanOrEqual(3),
    );
    // The list's status and outcome cells, in Chinese: ended, still running, cancelled.
    const row = (id: string) => list.locator("tr", { has: page.locator(`a[href="/interactions/${id}"]`) });
    expect(await row(ids.resolved!).getByTestId("interaction-status").textContent()).toBe("已完成");
    expect(await row(ids.resolved!).getByTestId("interaction-outcome").textContent()).toBe("已解决 resolved");
    expect(await row(ids.waiting!).getByTestId("interaction-status").textContent()).toMatch(/^(进行中|等待中)$/);
    expect(await row(ids.cancelled!).getByTestId("interaction-outcome").textContent()).toBe("已取消 cancelled");
    await visit(
      "replay",
      `/interactions/${ids.resolved}`,
      () => expect.poll(() => page.getByTestId("replay-status").textContent()).toBe("已完成 · 已解决 resolved"),
      async () => {
        // The third step: the app notice and the one-time code went out then (their kinds, channels, statuses).
        const scrubber = page.getByRole("slider");
        await scrubber.focus();
        await scrubber.fill("2");
        await expect.poll(() => page.getByTestId("replay-message").count()).toBe(2);
        expect(await page.getByTestId("message-status").allTextContents()).not.toContain("sent");
      },
    );
    await visit("replay-cancelled", `/interactions/${ids.cancelled}`, () =>
      expect.poll(() => page.getByTestId("replay-status").textContent()).toBe("失败 · 已取消 cancelled"),
    );
    await visit("customer", `/customers?id=walk-resolved`, () =>
      expect.poll(() => page.getByTestId("customer-timeline").locator("li").count()).toBeGreaterThan(0),
    );
    await visit(
      "policy",
      "/settings/policy",
      () => expect.poll(() => page.locator("legend").count()).toBeGreaterThan(0),
      async () => {
        // A cap's row (not saved): its categories, channels and windows.
        await page.getByRole("button", { name: "添加上限" }).click();
        await expect.poll(() => page.getByTestId("policy-cap").count()).toBe(1);
        expect(await page.getByRole("combobox", { name: "每" }).locator("option").allTextContents()).toContain("1 天");
      },
    );
    await visit(
      "analytics",
      "/flows/card-transfer-stepup",
      () => expect.poll(() => page.getByRole("button", { name: "数据分析", exact: true }).count()).toBe(1),
      async () => {
        await page.getByRole("button", { name: "数据分析", exact: true }).click();
        await expect.poll(() => page.getByTestId("analytics-totals").count(), { timeout: 30_000 }).toBe(1);
      },
    );
    expect(found).toEqual({});
  });
});
