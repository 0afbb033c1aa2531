// Issue 14, item 11: publishing asks first, with a note of what changed, kept on the version and
// shown in the versions panel and the diff.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot, startStudio } from "./studioHarness";
import type { Studio } from "./studioHarness";
import { savedState, selectNode } from "./designerHelpers";

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio();
});
afterAll(async () => studio?.close());

describe("publish with a change note", () => {
  it("confirms, keeps the note on the version and shows it in the versions panel and the diff", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/flows/card-transfer-stepup`);
    await selectNode(page, "opening");
    await page.getByLabel("Label").fill("Opening 开场白");
    await expect.poll(() => savedState(page)).toBe("saved");

    await page.getByRole("button", { name: "Publish" }).click();
    const dialog = page.getByRole("dialog", { name: "Publish this draft?" });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    // Cancel publishes nothing.
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await page.getByRole("button", { name: "Publish" }).click();
    await dialog.getByLabel("What changed (kept on the version)").fill("开场白改为“开场白”。Opening label reworded.");
    await screenshot(page, "publish-note-en");
    await dialog.getByRole("button", { name: "Publish version" }).click();
    await expect.poll(() => page.getByTestId("toast").textContent()).toBe("Published version 2");

    await page.getByRole("tab", { name: "Versions" }).click();
    await expect
      .poll(() => page.getByTestId("change-note-2").textContent())
      .toBe("开场白改为“开场白”。Opening label reworded.");
    expect(await page.getByTestId("change-note-1").count()).toBe(0);
    await page.getByRole("combobox", { name: "From", exact: true }).selectOption("1");
    await page.getByRole("combobox", { name: "To", exact: true }).selectOption("2");
    await page.getByRole("button", { name: "Show differences" }).click();
    await expect
      .poll(() => page.getByTestId("diff-overlay").getAttribute("aria-label"))
      .toContain("v2 — “开场白改为“开场白”。Opening label reworded.”");

    await page.getByRole("combobox", { name: "Language" }).selectOption("zh");
    await page.getByRole("button", { name: "发布", exact: true }).click();
    await expect.poll(() => page.getByRole("dialog", { name: "发布此草稿？" }).isVisible()).toBe(true);
    await screenshot(page, "publish-note-zh");
    await page.getByRole("dialog", { name: "发布此草稿？" }).getByRole("button", { name: "取消" }).click();
    await page.getByRole("combobox", { name: "语言", exact: true }).selectOption("en");
  });
});
