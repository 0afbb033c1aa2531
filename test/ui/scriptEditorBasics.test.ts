// Issue 14, items 1, 3 and 4: links only from the Link button, chips without a trailing space and a
// suggestion list the pointer does not steer, a new script's locale and every variant's channel and
// locale editable.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { screenshot, startStudio } from "./studioHarness";
import type { Studio } from "./studioHarness";

let studio: Studio;
const consoleLines: string[] = [];
beforeAll(async () => {
  studio = await startStudio();
  studio.page.on("console", (m) => consoleLines.push(m.text()));
});
afterAll(async () => studio?.close());

async function createScript(page: Page, url: string, key: string): Promise<void> {
  await page.goto(`${url}/scripts`);
  await page.getByRole("button", { name: "+ New script" }).click();
  await page.getByLabel("Key").fill(key);
  await page.getByLabel("Name", { exact: true }).fill(key);
  await page.getByRole("button", { name: "Create" }).click();
  await page.waitForURL(`${url}/scripts/${key}`);
}

/** Pastes plain text into the focused editor as a browser would (a ClipboardEvent with its data). */
async function pasteText(page: Page, text: string): Promise<void> {
  await page.getByTestId("variant-editor").evaluate((el, value) => {
    const data = new DataTransfer();
    data.setData("text/plain", value);
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

describe("script editor basics (issue 14: 1, 3, 4)", () => {
  it("starts a new script in the studio's locale and lets every variant's channel and locale change", async () => {
    const { page, url } = studio;
    await createScript(page, url, "locale-check");
    await expect.poll(() => page.getByRole("tab", { name: /^SMS · en/ }).count()).toBe(1);
    await page.getByLabel("Variant channel").selectOption("email");
    await page.getByLabel("Variant locale").fill("en-GB");
    await expect.poll(() => page.getByRole("tab", { name: /^Email · en-GB/ }).count()).toBe(1);
    expect(await page.getByLabel("Subject").count()).toBe(1);
    // A tag being typed is not a locale yet: the document keeps the last valid one.
    await page.getByLabel("Variant locale").fill("zh-");
    expect(await page.getByLabel("Variant locale").getAttribute("aria-invalid")).toBe("true");
    await expect.poll(() => page.getByRole("tab", { name: /^Email · en-GB/ }).count()).toBe(1);
    await page.getByLabel("Variant locale").fill("zh-CN");
    await expect.poll(() => page.getByTestId("dirty-state").textContent()).toBe("Saved automatically (draft v1)");
    await page.reload();
    await expect.poll(() => page.getByRole("tab", { name: /^Email · zh-CN/ }).count()).toBe(1);
    await screenshot(page, "editor-basics-locale-en");
  });

  it("never turns text that looks like a domain into a link, typed or pasted, and keeps it on save", async () => {
    const { page, url } = studio;
    consoleLines.length = 0;
    await createScript(page, url, "no-autolink");
    const editor = page.getByTestId("variant-editor");
    await editor.click();
    await page.keyboard.type("Hi {{ customer.name | default: 'friend' }} see www.example.com ");
    await page.keyboard.press("Escape");
    await pasteText(page, "and {{ customer.name | default: '客户' }} example.org/x ");
    await expect.poll(() => editor.textContent()).toContain("example.org/x");
    expect(await editor.locator("a").count()).toBe(0);
    await expect
      .poll(() => page.getByTestId("preview-body").textContent())
      .toBe("Hi 王芳 see www.example.com and 王芳 example.org/x");
    await expect.poll(() => page.getByTestId("dirty-state").textContent()).toBe("Saved automatically (draft v1)");
    await page.reload();
    await expect.poll(() => editor.textContent()).toContain("example.org/x");
    expect(await editor.locator("a").count()).toBe(0);
    expect(consoleLines.filter((l) => l.includes("linkifyjs"))).toEqual([]);
    await screenshot(page, "editor-basics-no-autolink");
  });

  it("inserts a chip without a trailing space, and Enter takes the highlighted choice wherever the pointer rests", async () => {
    const { page, url } = studio;
    await createScript(page, url, "chip-spacing");
    const editor = page.getByTestId("variant-editor");
    const menu = page.getByRole("listbox", { name: "Variables" });
    await editor.click();
    await page.keyboard.type("尊敬的{{cust");
    await expect.poll(() => menu.getByRole("option", { name: /customer\.name/ }).count()).toBe(1);
    await menu.getByRole("option", { name: /customer\.name/ }).click();
    await page.keyboard.type("，您好");
    await expect.poll(() => page.getByTestId("preview-body").textContent()).toBe("尊敬的王芳，您好");

    // The list opens; the pointer then rests on its second item: Enter still takes the first.
    await page.keyboard.type(" {{");
    await expect.poll(() => menu.getByRole("option").count()).toBeGreaterThan(1);
    const first = (await menu.getByRole("option").nth(0).locator("code").textContent()) ?? "";
    const box = await menu.getByRole("option").nth(1).boundingBox();
    if (!box) throw new Error("no second option");
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.move(box.x + box.width / 2 + 3, box.y + box.height / 2);
    expect(await menu.getByRole("option").nth(0).getAttribute("aria-selected")).toBe("true");
    await page.keyboard.press("Enter");
    await expect.poll(() => editor.locator('[data-type="variable"]').nth(1).getAttribute("data-name")).toBe(first);
    await screenshot(page, "editor-basics-chips-en");

    await page.getByRole("combobox", { name: "Language" }).selectOption("zh");
    await expect.poll(() => page.getByLabel("变体渠道").count()).toBe(1);
    await screenshot(page, "editor-basics-chips-zh");
    await page.getByRole("combobox", { name: "语言", exact: true }).selectOption("en");
  });
});
