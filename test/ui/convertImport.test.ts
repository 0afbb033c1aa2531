import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot, startStudio } from "./studioHarness";
import type { Studio } from "./studioHarness";

const fixtures = join(import.meta.dirname, "..", "..", "flows", "convert", "fixtures");
const file = (path: string) => ({
  name: path.split("/").pop() ?? path,
  mimeType: "application/json",
  buffer: readFileSync(join(fixtures, path)),
});

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio();
});
afterAll(async () => studio?.close());

describe("library import of Twilio Studio and Amazon Connect flows", () => {
  it("shows the conversion report before saving, then saves the flow and its scripts as drafts", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/flows`);
    await expect.poll(() => page.getByTestId("flow-count").textContent()).toBe("7 flows");
    await page.getByTestId("library-import").setInputFiles(file("twilio/ivr-realistic.json"));
    const dialog = page.getByRole("dialog", { name: "Import a Twilio Studio flow" });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await page.getByTestId("convert-summary").textContent()).toBe(
      "Acme support IVR Becomes 15 nodes, 20 edges and 3 scripts. 8 converted, 4 not converted",
    );
    const rows = page.getByTestId("convert-report").locator("tbody tr");
    expect(await rows.count()).toBe(12);
    // Not converted first, each with why.
    const lookup = rows.filter({ hasText: "lookup" });
    expect(await lookup.getAttribute("data-converted")).toBe("false");
    expect(await lookup.textContent()).toContain('it became a stage waiting for "lookup.success", "lookup.failed"');
    expect(await rows.filter({ hasText: "main_menu" }).first().getAttribute("data-converted")).toBe("true");
    // Nothing is saved yet.
    expect(await page.getByTestId("flow-count").textContent()).toBe("7 flows");
    await screenshot(page, "convert-import-en");

    await page.getByTestId("convert-save").click();
    await page.waitForURL("**/flows/acme-support-ivr");
    await expect.poll(() => page.locator(".react-flow__node").count()).toBe(15);
    await page.goto(`${url}/scripts`);
    await expect.poll(() => page.getByText("acme-support-ivr-main-menu").count()).toBeGreaterThan(0);
  });

  it("in Chinese, a Connect export; cancelling saves nothing", async () => {
    const { page, url } = studio;
    await page.context().addCookies([{ name: "journey-locale", value: "zh", url }]);
    await page.goto(`${url}/flows`);
    await expect.poll(() => page.getByTestId("flow-count").textContent()).toContain("8");
    await page.getByTestId("library-import").setInputFiles(file("connect/TransferContactToQueue.json"));
    const dialog = page.getByRole("dialog", { name: "导入 Amazon Connect 流程" });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await page.getByTestId("convert-summary").textContent()).toContain("已转换 1 个，未转换 3 个");
    // Each loss is worded in Chinese; the converter's details follow in English.
    expect(await dialog.locator('[data-reason="unreachable"]').first().textContent()).toBe("无法到达");
    expect(await dialog.locator('[data-reason="branch-left-out"]').first().textContent()).toBe("有分支未保留");
    expect(await dialog.getByRole("button", { name: "保存为草稿" }).isVisible()).toBe(true);
    await screenshot(page, "convert-import-zh");
    await dialog.getByRole("button", { name: "取消" }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await page.getByTestId("flow-count").textContent()).toContain("8");
  });
});
