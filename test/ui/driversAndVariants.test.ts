// Issue 12's loop back to the designer, in English and Chinese: Settings → Drivers (the live preview
// tagging a sample comment, the checks as you type, a confirmed delete, the save), and the variants
// table's "make this the only variant" (confirmed; a draft version of the script, not live content),
// offered to admins and content editors only.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inviteMember } from "./inviteMember";
import { screenshot, signIn, startStudio, type Studio } from "./studioHarness";

const root = join(import.meta.dirname, "..", "..");
let studio: Studio;
let apiKey: string;

const abScript = (key: string) => ({
  schema: "journey-studio/script@1",
  key,
  name: key,
  variants: [
    { channel: "chat", locale: "zh-CN", weight: 1, text: `${key} 甲：本月开通享 9 折` },
    { channel: "chat", locale: "zh-CN", weight: 1, text: `${key} 乙：回复 1 了解优惠` },
  ],
});
const flow = {
  schema: "journey-studio/flow@1",
  key: "ab-offer-flow",
  name: "A/B offer",
  kind: "sop",
  channels: ["chat"],
  variables: {},
  nodes: [
    { id: "start", type: "start", position: { x: 0, y: 0 }, data: { trigger: { type: "api" } } },
    { id: "offer", type: "message", position: { x: 0, y: 120 }, data: { script: "ab-offer", channel: "chat" } },
    { id: "reminder", type: "message", position: { x: 0, y: 240 }, data: { script: "ab-reminder", channel: "chat" } },
    { id: "done", type: "end", position: { x: 0, y: 360 }, data: { outcome: "resolved" } },
  ],
  edges: [
    { id: "e1", source: "start", target: "offer" },
    { id: "e2", source: "offer", target: "reminder" },
    { id: "e3", source: "reminder", target: "done" },
  ],
};

function journey(dataDir: string, ...args: string[]): string {
  return execFileSync(process.execPath, [join(root, "bin", "journey.js"), ...args], {
    cwd: root,
    env: { ...process.env, JOURNEY_DATA_DIR: dataDir, DATABASE_URL: "" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "journey-drivers-ui-"));
  apiKey = journey(dataDir, "api-key", "create", "--name", "ui").trim().split("\n").pop() ?? "";
  const files = [abScript("ab-offer"), abScript("ab-reminder"), flow].map((doc) => {
    const file = join(dataDir, `${doc.key}.json`);
    writeFileSync(file, JSON.stringify(doc));
    return file;
  });
  journey(dataDir, "import", ...files, "--publish");
  studio = await startStudio({ env: { JOURNEY_DATA_DIR: dataDir } });
  for (let i = 0; i < 12; i++) {
    const res = await fetch(`${studio.url}/api/v1/interactions`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ flow: "ab-offer-flow", channel: "chat" }),
    });
    expect(res.status).toBe(201);
  }
}, 180_000);
afterAll(async () => studio?.close());

async function chooseLanguage(page: Page, locale: "en" | "zh") {
  await page.getByRole("combobox", { name: /Language|语言/ }).selectOption(locale);
}

/** The position of the driver whose id input holds `driver`. */
async function rowOf(page: Page, driver: string): Promise<number> {
  const ids = await page
    .getByTestId("driver-row")
    .locator("td:first-child input")
    .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  return ids.indexOf(driver);
}

describe.each(["en", "zh"] as const)("drivers and variants in the studio (%s)", (locale) => {
  const en = locale === "en";
  const texts = {
    preview: en ? "Try a comment" : "试一条评论",
    driverId: en ? "Driver id" : "驱动因素标识",
    labelEn: en ? "Label (English)" : "名称（英文）",
    labelZh: en ? "Label (Chinese)" : "名称（中文）",
    keywordsZh: en ? "Keywords (Chinese), separated by commas" : "关键词（中文），用逗号分隔",
    add: en ? "Add a driver" : "添加驱动因素",
    save: en ? "Save drivers" : "保存驱动因素",
    saved: en ? "Saved." : "已保存。",
    del: en ? "Delete" : "删除",
    confirm: en ? "Confirm" : "确认",
    noId: en ? "give it an id" : "请填写标识",
    duplicate: en ? "is already the id of another driver" : "已是另一个驱动因素的标识",
    emptyKeyword: en ? "an empty keyword in Chinese" : "中文关键词中有一个为空",
    deleteConfirm: en ? "Delete the driver" : "删除驱动因素",
    analytics: en ? "Analytics" : "数据分析",
    voice: en ? "Voice of the customer" : "客户之声",
    only: en ? "Make this the only variant" : "设为唯一变体",
    onlyConfirm: en ? "creates a new draft version" : "新建一个话术草稿版本",
    onlyDone: en ? "Draft version 2 of “" : "草稿版本 2",
  };
  // The English run renames nothing but adds `wait-en` (排队) and deletes the default `fees`; the Chinese
  // run, on what English saved, adds `wait-zh` (手续费) and deletes `wait-en`.
  const added = en
    ? { driver: `wait-${locale}`, keywords: "排队", label: "排队" }
    : { driver: `wait-${locale}`, keywords: "手续费", label: "手续费" };
  const deleted = en ? { driver: "fees", label: "费用" } : { driver: "wait-en", label: "排队" };

  it("edits the drivers with a live preview, checks as you type and a confirmed delete", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/settings/drivers`);
    await chooseLanguage(page, locale);
    const editor = page.getByTestId("drivers-editor");
    await expect.poll(() => editor.getByTestId("driver-row").count()).toBe(5);
    // Only the first visit finds the default taxonomy.
    expect(await editor.getByTestId("drivers-default").count()).toBe(en ? 1 : 0);
    await editor.getByRole("textbox", { name: texts.preview }).fill("排队太久，手续费也太贵");
    const tags = editor.getByTestId("drivers-preview-tags");
    await expect.poll(() => tags.textContent()).toContain(deleted.label);

    await editor.getByRole("button", { name: texts.add }).click();
    const issues = editor.getByTestId("driver-issues");
    await expect.poll(() => issues.textContent()).toContain(texts.noId);
    expect(await editor.getByRole("button", { name: texts.save }).isDisabled()).toBe(true);
    await editor.getByRole("textbox", { name: `${texts.driverId} 6` }).fill(en ? "fees" : "waiting");
    await expect.poll(() => issues.textContent()).toContain(texts.duplicate);
    await editor.getByRole("textbox", { name: `${texts.driverId} 6` }).fill(added.driver);
    await editor.getByRole("textbox", { name: `${texts.labelEn} 6` }).fill(en ? "Queue" : "Fee");
    await editor.getByRole("textbox", { name: `${texts.labelZh} 6` }).fill(added.label);
    await editor.getByRole("textbox", { name: `${texts.keywordsZh} 6` }).fill(`${added.keywords}，,`);
    await expect.poll(() => issues.textContent()).toContain(texts.emptyKeyword);
    await page.waitForTimeout(200);
    await screenshot(page, `drivers-issues-${locale}`);
    await editor.getByRole("textbox", { name: `${texts.keywordsZh} 6` }).fill(added.keywords);
    await expect.poll(() => issues.count()).toBe(0);
    await expect.poll(() => tags.textContent()).toContain(added.label);

    const index = await rowOf(page, deleted.driver);
    expect(index).toBeGreaterThanOrEqual(0);
    await editor.getByTestId("driver-row").nth(index).getByRole("button", { name: texts.del }).click();
    const dialog = page.getByRole("dialog");
    await expect.poll(() => dialog.textContent()).toContain(`${texts.deleteConfirm}`);
    expect(await dialog.textContent()).toContain(deleted.driver);
    await screenshot(page, `drivers-delete-confirm-${locale}`);
    await dialog.getByRole("button", { name: texts.confirm }).click();
    await expect.poll(() => rowOf(page, deleted.driver)).toBe(-1);
    await expect.poll(() => tags.textContent()).not.toContain(deleted.label);
    await expect.poll(() => tags.textContent()).toContain(added.label);

    await editor.getByRole("button", { name: texts.save }).click();
    await expect.poll(() => editor.getByRole("status").filter({ hasText: texts.saved }).count()).toBe(1);
    await page.waitForTimeout(200);
    await screenshot(page, `drivers-saved-${locale}`);
    await page.reload();
    await expect.poll(() => page.getByTestId("driver-row").count()).toBe(5);
    expect(await rowOf(page, added.driver)).toBeGreaterThanOrEqual(0);
    expect(await rowOf(page, deleted.driver)).toBe(-1);
    expect(await page.getByTestId("drivers-default").count()).toBe(0);
  });

  it("makes one variant the only one as a new draft, after a confirmation", async () => {
    const { page, url } = studio;
    const script = en ? "ab-offer" : "ab-reminder";
    await page.goto(`${url}/flows/ab-offer-flow`);
    await chooseLanguage(page, locale);
    await page.getByRole("button", { name: texts.analytics, exact: true }).click();
    await page.getByRole("checkbox", { name: texts.voice }).check();
    const variants = page.getByTestId("variants");
    const rows = variants.locator("tbody tr").filter({ hasText: `${script} · chat/zh-CN#` });
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(2);
    await rows.first().getByRole("button", { name: texts.only }).click();
    const dialog = page.getByRole("dialog");
    await expect.poll(() => dialog.textContent()).toContain(texts.onlyConfirm);
    expect(await dialog.textContent()).toContain(script);
    await screenshot(page, `only-variant-confirm-${locale}`);
    await dialog.getByRole("button", { name: texts.confirm }).click();
    const done = variants.getByTestId("only-variant-done");
    await expect.poll(() => done.textContent()).toContain(texts.onlyDone);
    expect(await done.textContent()).toContain(script);
    expect(await done.getByRole("link").getAttribute("href")).toBe(`/scripts/${script}`);
    await done.scrollIntoViewIfNeeded();
    await screenshot(page, `only-variant-done-${locale}`);

    // The script has the new draft on top of the approved version customers still get: it goes to review.
    await done.getByRole("link").click();
    // (The editor first saves the draft as its own editor document, then offers to submit it.)
    const submit = page.getByRole("button", { name: en ? "Submit for review" : "提交审核" });
    await expect.poll(() => submit.isEnabled(), { timeout: 15_000 }).toBe(true);
    await screenshot(page, `only-variant-script-${locale}`);
  });
});

describe("who is offered the actions", () => {
  it("a designer edits drivers but is not offered 'make this the only variant'", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/settings/members`);
    await chooseLanguage(page, "en");
    const password = await inviteMember(studio, page, { email: "dana@example.com", role: "designer" });

    const context = await studio.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const designer = await context.newPage();
    await signIn(designer, url, { email: "dana@example.com", password });
    await designer.goto(`${url}/settings/drivers`);
    await expect.poll(() => designer.getByTestId("driver-row").count()).toBe(5);
    await designer.goto(`${url}/flows/ab-offer-flow`);
    await designer.getByRole("button", { name: "Analytics", exact: true }).click();
    await designer.getByRole("checkbox", { name: "Voice of the customer" }).check();
    const rows = designer.getByTestId("variants").locator("tbody tr");
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(4);
    expect(await designer.getByRole("button", { name: "Make this the only variant" }).count()).toBe(0);
    await context.close();
  });
});
