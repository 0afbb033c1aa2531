// Issue 14, item 9: a node's script is picked from the workspace's scripts (search, status, preview),
// or created from there, instead of typed as a free key.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot, startStudio } from "./studioHarness";
import type { Studio } from "./studioHarness";
import { selectNode } from "./designerHelpers";

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio();
});
afterAll(async () => studio?.close());

describe("script picker on a node", () => {
  it("searches scripts with their status and a preview, picks one, and creates a new one", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/flows/card-transfer-stepup`);
    await selectNode(page, "opening");
    const field = page.getByRole("combobox", { name: "Script key" });
    expect(await field.inputValue()).toBe("greeting");

    await field.fill("verification");
    // Typing searches: the node keeps its script until one is chosen.
    await expect.poll(() => page.locator('.react-flow__node[data-id="opening"]').textContent()).toContain("greeting");
    const list = page.getByRole("listbox", { name: "Scripts" });
    const option = list.getByRole("option", { name: /Verification code sent/ });
    await expect.poll(() => option.count()).toBe(1);
    expect(await option.textContent()).toContain("otp-sent");
    expect(await option.textContent()).toContain("Approved");
    await option.hover();
    await expect.poll(() => page.getByTestId("script-picker-preview").textContent()).toMatch(/\S/);
    await screenshot(page, "script-picker-en");
    await option.click();
    await expect.poll(() => field.inputValue()).toBe("otp-sent");
    expect(await page.getByRole("link", { name: "Open the script ↗" }).getAttribute("href")).toBe("/scripts/otp-sent");

    // A script that does not exist yet: created from the picker, in the studio's locale.
    await field.fill("Payment reminder");
    const create = list.getByRole("option", { name: "+ New script “Payment reminder”" });
    await expect.poll(() => create.count()).toBe(1);
    await field.press("ArrowDown"); // nothing matches: the only option is "create"
    await field.press("Enter");
    await expect.poll(() => field.inputValue()).toBe("payment-reminder");
    await expect
      .poll(() => page.getByRole("link", { name: "Created: write it in the script editor ↗" }).count())
      .toBe(1);
    const created = await page.evaluate(async () => {
      const r = await fetch(
        `/api/trpc/scripts.get?input=${encodeURIComponent(JSON.stringify({ key: "payment-reminder" }))}`,
      );
      return (await r.json()) as {
        result: { data: { name: string; versions: { document: { variants: { locale?: string }[] } }[] } };
      };
    });
    expect(created.result.data.name).toBe("Payment reminder");
    expect(created.result.data.versions[0]?.document.variants[0]?.locale).toBe("en");

    await page.getByRole("combobox", { name: "Language" }).selectOption("zh");
    const zhField = page.getByRole("combobox", { name: "话术标识" });
    await zhField.fill("开场");
    await expect.poll(() => page.getByRole("listbox", { name: "话术" }).getByRole("option").count()).toBeGreaterThan(0);
    await screenshot(page, "script-picker-zh");
    await page.keyboard.press("Escape");
    await page.getByRole("combobox", { name: "语言", exact: true }).selectOption("en");
  });
});
