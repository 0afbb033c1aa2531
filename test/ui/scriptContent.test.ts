// Issue 14, items 6–8 in the studio, in English and Chinese: the workspace's compliance rules (Settings),
// their lint as you type with a one-click fix and the refused submission; a snippet approved once and put
// into another script as a chip, with its "used by" list; a variant's A/B weight.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { screenshot, startStudio } from "./studioHarness";
import { savedState, selectNode } from "./designerHelpers";
import type { Studio } from "./studioHarness";

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio();
});
afterAll(async () => studio?.close());

const language = (page: Page, to: "en" | "zh") =>
  page.getByRole("combobox", { name: to === "zh" ? "Language" : "语言", exact: true }).selectOption(to);

async function newScript(page: Page, url: string, key: string, name: string): Promise<void> {
  await page.goto(`${url}/scripts`);
  await page.getByRole("button", { name: "+ New script" }).click();
  await page.getByLabel("Key").fill(key);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Locale", { exact: true }).fill("zh-CN");
  await page.getByRole("button", { name: "Create" }).click();
  await page.waitForURL(`${url}/scripts/${key}`);
}

const saved = (page: Page, version = 1) =>
  expect.poll(() => page.getByTestId("dirty-state").textContent()).toBe(`Saved automatically (draft v${version})`);
const status = (page: Page, version: number) =>
  page.getByTestId(`version-${version}`).locator("[data-status]").getAttribute("data-status");

describe("script content: compliance rules, snippets, styles", () => {
  it("an admin sets the workspace's compliance rules in Settings → Messaging policy", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/settings/policy`);
    const rules = page.getByTestId("compliance-rules");
    await rules.getByLabel("Use this workspace's rules").check();
    await expect.poll(() => rules.getByTestId("compliance-phrase").count()).toBe(1);
    expect(await rules.getByLabel("Phrase").inputValue()).toBe("不知道");
    await rules.getByRole("button", { name: "Add a phrase" }).click();
    const second = rules.getByTestId("compliance-phrase").nth(1);
    await second.getByLabel("Phrase").fill("calm down");
    await second.getByLabel("Say instead").fill("I understand");
    await second.getByLabel("Severity").selectOption("warning");
    await rules.getByTestId("compliance-limit").getByLabel("SMS segments").fill("1");
    await page.getByRole("button", { name: "Save policy" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toBe("Policy saved.");
    const document = JSON.parse((await page.getByTestId("policy-json").textContent()) ?? "{}");
    expect(document.compliance).toEqual({
      forbiddenPhrases: [
        { phrase: "不知道", replacement: "我帮您确认一下", severity: "error" },
        { phrase: "calm down", replacement: "I understand", severity: "warning" },
      ],
      requiredDisclosures: [{ channel: "sms", anyOf: ["回T退订", "Reply STOP"] }],
      lengthLimits: [{ channel: "sms", maxSegments: 1 }],
    });
    await rules.scrollIntoViewIfNeeded();
    await screenshot(page, "content-compliance-en");
    await language(page, "zh");
    await expect.poll(() => rules.locator("legend").textContent()).toBe("话术合规规则");
    expect(await rules.textContent()).toContain("雷区用语");
    await screenshot(page, "content-compliance-zh");
    await language(page, "en");
  });

  it("lints a minefield phrase as you type, fixes it in one click, and refuses submission until then", async () => {
    const { page, url } = studio;
    await newScript(page, url, "complaint", "Complaint reply");
    const editor = page.getByTestId("variant-editor");
    await editor.click();
    await page.keyboard.type("这个我不知道。回T退订");
    const phrase = page.locator('[data-testid="lint"] li[data-code="forbidden-phrase"]');
    await expect
      .poll(() => phrase.textContent())
      .toContain("“不知道” is a minefield phrase: say “我帮您确认一下” instead");
    await saved(page);
    await page.getByRole("button", { name: "Submit for review" }).click();
    await expect
      .poll(() => page.getByTestId("message").textContent())
      .toBe("Not submitted: fix the 1 error(s) listed under the text first.");
    expect(await status(page, 1)).toBe("draft");
    await screenshot(page, "content-lint-en");

    await phrase.getByRole("button", { name: "Replace with “我帮您确认一下”" }).click();
    await expect.poll(() => editor.textContent()).toBe("这个我我帮您确认一下。回T退订");
    await expect.poll(() => page.getByTestId("lint-clean").count()).toBe(1);
    await saved(page);
    await page.getByRole("button", { name: "Submit for review" }).click();
    await expect.poll(() => status(page, 1)).toBe("in_review");
  });

  it("approves a snippet once, puts it into another script as a chip and lists where it is used", async () => {
    const { page, url } = studio;
    await newScript(page, url, "opt-out", "Opt-out words");
    await page.getByTestId("variant-editor").click();
    await page.keyboard.type("回T退订");
    await page.getByLabel("Reusable snippet").check();
    await saved(page);
    await page.getByRole("button", { name: "Submit for review" }).click();
    await expect.poll(() => status(page, 1)).toBe("in_review");
    await page.getByRole("button", { name: "Approve" }).click();
    await page.getByRole("dialog", { name: "Approve v1?" }).getByRole("button", { name: "Approve v1" }).click();
    await expect.poll(() => status(page, 1)).toBe("approved");

    await newScript(page, url, "bill-ready", "Bill ready");
    const editor = page.getByTestId("variant-editor");
    await editor.click();
    await page.keyboard.type("您的账单已出。");
    // Without the opt-out words the SMS breaks the workspace's disclosure rule…
    await expect.poll(() => page.locator('li[data-code="disclosure-missing"]').count()).toBe(1);
    await page.getByLabel("Insert snippet").selectOption("opt-out");
    await expect.poll(() => editor.locator('[data-type="snippet"][data-key="opt-out"]').count()).toBe(1);
    // …the snippet carries them: the preview says its approved words, and the lint is clean.
    await expect.poll(() => page.getByTestId("preview-body").textContent()).toBe("您的账单已出。回T退订");
    await expect.poll(() => page.getByTestId("lint-clean").count()).toBe(1);
    await saved(page);
    await screenshot(page, "content-snippet-en");

    await page.goto(`${url}/scripts/opt-out`);
    const usedBy = page.getByTestId("snippet-used-by");
    await expect.poll(() => usedBy.textContent()).toContain("Used by 1 script(s)");
    expect(await usedBy.getByRole("link", { name: "Bill ready" }).count()).toBe(1);
    await language(page, "zh");
    await expect.poll(() => usedBy.textContent()).toContain("被 1 个话术使用");
    await screenshot(page, "content-snippet-used-by-zh");
    await language(page, "en");
  });

  it("gives a variant an A/B weight and shows its share; the lint speaks Chinese", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/scripts/bill-ready`);
    await page.getByRole("button", { name: "+ Add variant" }).click();
    const form = page.locator("form", { has: page.getByRole("button", { name: "Add variant", exact: true }) });
    await form.getByRole("combobox").first().selectOption("sms");
    await form.getByRole("button", { name: "Add variant", exact: true }).click();
    await page.getByLabel("Style", { exact: true }).fill("brisk");
    await page.getByLabel("A/B weight").fill("3");
    await expect.poll(() => page.getByTestId("ab-share").textContent()).toBe(" ≈ 75% of draws");
    const editor = page.getByTestId("variant-editor");
    await editor.click();
    await page.keyboard.type("账单已出，不知道请致电。");
    await language(page, "zh");
    const phrase = page.locator('li[data-code="forbidden-phrase"]');
    await expect.poll(() => phrase.textContent()).toContain("“不知道”是雷区用语：建议改为“我帮您确认一下”");
    expect(await phrase.getByRole("button").textContent()).toBe("替换为“我帮您确认一下”");
    expect(await page.locator('li[data-code="disclosure-missing"]').textContent()).toContain("消息必须包含");
    await screenshot(page, "content-weight-lint-zh");
    await language(page, "en");
    await screenshot(page, "content-weight-lint-en");
  });

  it("a message node says which style of its script it wants, in the inspector", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/flows/chat-escalation`);
    await selectNode(page, "escalationNotice");
    await page.getByLabel("Script style").fill("empathetic");
    await expect.poll(() => savedState(page)).toBe("saved");
    await page.reload();
    await selectNode(page, "escalationNotice");
    expect(await page.getByLabel("Script style").inputValue()).toBe("empathetic");
    await language(page, "zh");
    await expect.poll(() => page.getByLabel("话术风格").inputValue()).toBe("empathetic");
    expect(await page.getByText("备选风格（依次尝试）").count()).toBeGreaterThan(0);
    await screenshot(page, "content-node-style-zh");
    await language(page, "en");
  });
});
