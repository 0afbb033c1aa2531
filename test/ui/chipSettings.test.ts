// Issue 14, item 2: a variable chip's default and format are set in the editor, not by editing JSON.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot, startStudio } from "./studioHarness";
import type { Studio } from "./studioHarness";

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio();
});
afterAll(async () => studio?.close());

describe("variable chip settings", () => {
  it("sets a chip's default and date format from a popover, previews them and keeps them on save", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/scripts`);
    await page.getByRole("button", { name: "+ New script" }).click();
    await page.getByLabel("Key").fill("chip-settings");
    await page.getByLabel("Name", { exact: true }).fill("Chip settings");
    await page.getByLabel("Locale", { exact: true }).fill("zh-CN");
    await page.getByRole("button", { name: "Create" }).click();
    await page.waitForURL(`${url}/scripts/chip-settings`);

    const editor = page.getByTestId("variant-editor");
    const menu = page.getByRole("listbox", { name: "Variables" });
    await editor.click();
    await page.keyboard.type("{{customer.name");
    await menu.getByRole("option", { name: /customer\.name/ }).click();
    await page.keyboard.type("，您的生日是{{customer.birth");
    await menu.getByRole("option", { name: /customer\.birthday/ }).click();
    await page.keyboard.type("。回T退订");

    // The name chip: a default for customers without a name.
    await editor.locator('[data-type="variable"][data-name="customer.name"]').click();
    const popover = page.getByRole("dialog", { name: "Variable customer.name" });
    await expect.poll(() => popover.count()).toBe(1);
    expect(await popover.textContent()).toContain("(zh-CN)");
    await popover.getByLabel(/Shown when the customer has no value/).fill("尊敬的客户");
    await popover.getByRole("button", { name: "Apply" }).click();
    await expect
      .poll(() => editor.locator('[data-name="customer.name"]').getAttribute("data-default"))
      .toBe("尊敬的客户");

    // The birthday chip: a Chinese date, opened from the keyboard (Enter on the selected chip).
    await editor.locator('[data-type="variable"][data-name="customer.birthday"]').click();
    const birthday = page.getByRole("dialog", { name: "Variable customer.birthday" });
    await birthday.getByLabel("Format").selectOption("date-zh");
    await screenshot(page, "chip-settings-en");
    await birthday.getByRole("button", { name: "Apply" }).click();
    await expect.poll(() => birthday.count()).toBe(0);

    const body = page.getByTestId("preview-body");
    await expect.poll(() => body.textContent()).toBe("王芳，您的生日是1988年3月8日。回T退订");
    await page.getByLabel("Sample customer").selectOption("no-name");
    await expect.poll(() => body.textContent()).toBe("尊敬的客户，您的生日是。回T退订");

    await expect.poll(() => page.getByTestId("dirty-state").textContent()).toBe("Saved automatically (draft v1)");
    await page.reload();
    await expect
      .poll(() => editor.locator('[data-name="customer.birthday"]').getAttribute("data-format"))
      .toBe("date-zh");
    expect(await editor.locator('[data-name="customer.name"]').getAttribute("data-default")).toBe("尊敬的客户");

    // Reopened, the popover shows what was set; Escape closes it without a change.
    await page.getByRole("combobox", { name: "Language" }).selectOption("zh");
    await editor.locator('[data-name="customer.name"]').click();
    const zh = page.getByRole("dialog", { name: "变量 customer.name" });
    await expect.poll(() => zh.getByLabel(/客户没有该值时显示/).inputValue()).toBe("尊敬的客户");
    await screenshot(page, "chip-settings-zh");
    await page.keyboard.press("Escape");
    await expect.poll(() => zh.count()).toBe(0);
    await expect.poll(() => page.getByTestId("dirty-state").textContent()).toBe("已保存");
    await page.getByRole("combobox", { name: "语言", exact: true }).selectOption("en");
  });
});
