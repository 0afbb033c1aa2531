// Issue 15 in the browser: the first admin (an instance administrator) creates a workspace in Settings,
// switches to it in the header, finds it empty (each workspace has its own flows), renames it, switches
// back; a member of one workspace only sees no switcher and cannot reach the other. English and Chinese.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot, signIn, startStudio } from "./studioHarness";
import type { Studio } from "./studioHarness";

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio();
});
afterAll(async () => studio?.close());

const exampleFlow = () => studio.page.getByRole("link", { name: /layered verification/i });

describe("workspaces in the studio", () => {
  it("an instance administrator creates a workspace", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/settings`);
    await page.getByRole("link", { name: "Workspaces" }).click();
    await page.getByLabel("Handle").fill("brand-x");
    await page.getByLabel("Name", { exact: true }).fill("Brand X");
    await page.getByRole("button", { name: "Create workspace" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Created workspace Brand X");
    await expect.poll(() => page.getByTestId("workspaces-table").textContent()).toContain("brand-x");
    await screenshot(page, "workspaces-1-created");
  });

  it("switches to it in the header: its flow library is its own", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/flows`);
    await expect.poll(() => exampleFlow().count()).toBeGreaterThan(0);
    const switcher = page.getByTestId("workspace-switcher");
    expect(await switcher.locator("option").allTextContents()).toEqual(["Default", "Brand X"]);
    await switcher.selectOption({ label: "Brand X" });
    await page.waitForURL(`${url}/flows`);
    await expect.poll(() => switcher.inputValue()).not.toBe("");
    await expect.poll(async () => (await switcher.locator("option:checked").textContent()) ?? "").toBe("Brand X");
    await expect.poll(() => page.getByText("No flows match.").count()).toBe(1);
    expect(await exampleFlow().count()).toBe(0);
    // Nor can a page of the other workspace's flow be opened from here.
    const response = await page.goto(`${url}/flows/card-transfer-stepup`);
    expect(response?.status()).toBe(404);
    await expect.poll(() => page.getByText("There is no such flow in this workspace.").count()).toBe(1);
    await screenshot(page, "workspaces-2-other-flow-404");
    await page.goto(`${url}/flows`);
    await expect.poll(() => page.getByText("No flows match.").count()).toBe(1);
    await screenshot(page, "workspaces-2-switched-en");
  });

  it("renames it, and switches back", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/settings/workspaces`);
    await page.getByLabel("Name brand-x").fill("Brand X (CN)");
    await page.getByRole("row").filter({ hasText: "brand-x" }).getByRole("button", { name: "Rename" }).click();
    await expect.poll(() => page.getByLabel("Name brand-x").inputValue()).toBe("Brand X (CN)");
    await expect
      .poll(() =>
        page.getByRole("row").filter({ hasText: "brand-x" }).getByRole("button", { name: "Rename" }).isDisabled(),
      )
      .toBe(true);
    await page.goto(`${url}/flows`);
    const switcher = page.getByTestId("workspace-switcher");
    await expect.poll(() => switcher.locator("option").allTextContents()).toEqual(["Default", "Brand X (CN)"]);
    await switcher.selectOption({ label: "Default" });
    await page.waitForURL(`${url}/flows`);
    await expect.poll(() => exampleFlow().count()).toBeGreaterThan(0);
  });

  it("in Chinese, the switcher and the workspaces page", async () => {
    const context = await studio.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
    await context.addCookies([{ name: "journey-locale", value: "zh", url: studio.url }]);
    const page = await context.newPage();
    await signIn(page, studio.url, { email: "admin@journey.local", password: "ui-test-admin-password-1" });
    await page.goto(`${studio.url}/settings/workspaces`);
    await expect.poll(() => page.getByRole("button", { name: "创建工作区" }).count()).toBe(1);
    await expect.poll(() => page.getByTestId("workspace-switcher").count()).toBe(1);
    await expect.poll(() => page.getByTestId("workspaces-table").textContent()).toContain("brand-x");
    await screenshot(page, "workspaces-3-zh");
    await context.close();
  });
});
