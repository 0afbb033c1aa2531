// The studio's interactions: the list, one interaction replayed on its canvas (path, scrubber, context,
// messages), and the designer's analytics overlay (heat, figures, table), in English and Chinese.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot, startStudio, type Studio } from "./studioHarness";

const root = join(import.meta.dirname, "..", "..");
let studio: Studio;
let apiKey: string;
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

async function run(name: string, context: Record<string, unknown>, events: { type: string; data?: unknown }[]) {
  const started = await api("POST", "/interactions", {
    flow: "card-transfer-stepup",
    channel: "chat",
    customer: { id: `c-${name}` },
    context,
  });
  const id = String(started.id);
  for (const event of events) await api("POST", `/interactions/${id}/events`, event);
  ids[name] = id;
}

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "journey-analytics-ui-"));
  apiKey =
    execFileSync(process.execPath, [join(root, "bin", "journey.js"), "api-key", "create", "--name", "ui"], {
      cwd: root,
      env: { ...process.env, JOURNEY_DATA_DIR: dataDir, DATABASE_URL: "" },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    })
      .trim()
      .split("\n")
      .pop() ?? "";
  studio = await startStudio({ env: { JOURNEY_DATA_DIR: dataDir } });
  await run("resolved", { amount: 1200 }, [
    { type: "customer.identified" },
    { type: "answer", data: { value: "transfer" } },
    { type: "verify.passed" },
    { type: "next" },
    { type: "transfer.succeeded" },
    { type: "next" },
    { type: "survey.answered", data: { score: 4, comment: "等待时间有点长" } },
  ]);
  await run("rerouted", { amount: 0 }, [{ type: "customer.identified" }, { type: "answer", data: { value: "other" } }]);
  await run("open", { amount: 10 }, [{ type: "customer.identified" }]);
}, 180_000);
afterAll(async () => studio?.close());

describe.each(["en", "zh"] as const)("interactions and analytics in the studio (%s)", (locale) => {
  const texts = {
    en: {
      title: "Interactions",
      replay: "Replay",
      status: "completed · resolved",
      analytics: "Analytics",
      totals: "Started 3 · completed 2",
      entered: "Entered 3",
      waiting: "Waiting",
    },
    zh: {
      title: "交互记录",
      replay: "回放",
      status: "已完成 · 已解决 resolved",
      analytics: "数据分析",
      totals: "开始 3 · 完成 2",
      entered: "进入 3",
      waiting: "等待",
    },
  }[locale];

  it("lists the interactions and replays one on its canvas", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/interactions`);
    const language = page.getByRole("combobox", { name: /Language|语言/ });
    await language.selectOption(locale);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(texts.title);
    // The three card transfers (the two that ended also started the post-contact survey, listed beside them).
    const rows = page.getByTestId("interaction-list").locator("tbody tr");
    await expect.poll(() => rows.filter({ hasText: "card-transfer-stepup" }).count()).toBe(3);
    await screenshot(page, `interactions-list-${locale}`);

    await page.locator(`a[href="/interactions/${ids.resolved}"]`).click();
    await expect.poll(() => page.getByTestId("replay-status").textContent()).toBe(texts.status);
    // The whole path: every edge it took is highlighted, the end is the node it is on.
    await expect.poll(() => page.locator(".react-flow__edge.onPath").count()).toBe(10);
    await expect
      .poll(() => page.locator('[data-node-id="endResolved"]').getAttribute("data-decoration"))
      .toBe("current");
    await expect.poll(() => page.getByTestId("replay-context").textContent()).toContain('"csat": 4');
    await page.waitForTimeout(300);
    await screenshot(page, `replay-end-${locale}`);

    // Back to the third step (the answer "transfer"): the path stops at verifyOtp, the OTP messages were sent then.
    const scrubber = page.getByRole("slider");
    await scrubber.focus();
    await scrubber.fill("2");
    await expect.poll(() => page.locator('[data-node-id="verifyOtp"]').getAttribute("data-decoration")).toBe("current");
    await expect.poll(() => page.locator('[data-node-id="csatSurvey"]').getAttribute("data-decoration")).toBe("");
    // Two messages by then: the app notice and the one-time code the verify node sends itself.
    await expect.poll(() => page.getByTestId("replay-message").count()).toBe(2);
    await expect.poll(() => page.getByTestId("replay-context").textContent()).toContain('"intent": "transfer"');
    await page.waitForTimeout(300);
    await screenshot(page, `replay-step3-${locale}`);
  });

  it("overlays the flow's figures on the designer's canvas, with a table view", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/flows/card-transfer-stepup`);
    await page.getByRole("button", { name: texts.analytics, exact: true }).click();
    await expect.poll(() => page.getByTestId("analytics-totals").textContent(), { timeout: 30_000 }).toBe(texts.totals);
    await expect.poll(() => page.getByTestId("figures-opening").getAttribute("title")).toContain(texts.entered);
    await expect.poll(() => page.getByTestId("figures-csatSurvey").getAttribute("title")).toContain("CSAT 4 (n=1)");
    await page.waitForTimeout(400);
    await screenshot(page, `overlay-${locale}`);
    await page.getByRole("checkbox", { name: locale === "en" ? "Table view" : "表格视图" }).check();
    await expect.poll(() => page.getByTestId("analytics-table").locator("tbody tr").count()).toBeGreaterThan(20);
    await screenshot(page, `overlay-table-${locale}`);
    await page.getByRole("checkbox", { name: locale === "en" ? "Table view" : "表格视图" }).uncheck();
    await page.getByRole("checkbox", { name: locale === "en" ? "Voice of the customer" : "客户之声" }).check();
    await expect.poll(() => page.getByTestId("voice-comments").textContent()).toContain("等待时间有点长");
    await expect.poll(() => page.getByTestId("voice-comments").textContent()).toContain(texts.waiting);
    await expect
      .poll(() => page.getByTestId("voice-pareto").locator("svg text").allTextContents())
      .toContain(texts.waiting);
    await expect
      .poll(() => page.getByTestId("variants").textContent())
      .toContain(locale === "en" ? "Script variants" : "话术变体");
    await page.waitForTimeout(300);
    await screenshot(page, `overlay-voice-${locale}`);
    await page.getByTestId("variants").scrollIntoViewIfNeeded();
    await screenshot(page, `overlay-voice-comments-${locale}`);
  });
});
