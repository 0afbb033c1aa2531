import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot, startStudio } from "./studioHarness";
import type { Studio } from "./studioHarness";

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio();
});
afterAll(async () => studio?.close());

describe("studio shell", () => {
  it("shows the flows page through tRPC, and switches to Chinese", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/flows`);
    await expect.poll(() => page.getByTestId("db-status").textContent()).toBe("db: pglite");
    await screenshot(page, "shell-en");
    await page.getByRole("combobox", { name: "Language" }).selectOption("zh");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("流程");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("zh-CN");
    await page.reload();
    await expect.poll(() => page.getByRole("link", { name: "话术" }).count()).toBe(1);
    await screenshot(page, "shell-zh");
  });
});
