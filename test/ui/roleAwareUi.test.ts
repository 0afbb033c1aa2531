// Issue 15, defect 5: no page or button offers an action the member's role cannot perform. A reviewer
// sees no "+ New script", no Import and no flow-library edits; a viewer's Settings show no live form
// beside "your role may not" (members read-only, no API-key or webhook forms).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { screenshot, signIn, startStudio } from "./studioHarness";
import type { Studio } from "./studioHarness";
import { inviteMember } from "./inviteMember";

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio();
});
afterAll(async () => studio?.close());

async function pageFor(email: string, password: string, locale: "en" | "zh" = "en"): Promise<Page> {
  const context = await studio.browser.newContext({ viewport: { width: 1440, height: 900 } });
  if (locale === "zh") await context.addCookies([{ name: "journey-locale", value: "zh", url: studio.url }]);
  const page = await context.newPage();
  await signIn(page, studio.url, { email, password });
  return page;
}

describe("a role sees only what it may do", () => {
  const reviewer = { email: "riley@example.com", password: "" };
  const viewer = { email: "vic@example.com", password: "" };

  it("the admin adds a reviewer and a viewer", async () => {
    await studio.page.goto(`${studio.url}/settings/members`);
    reviewer.password = await inviteMember(studio, studio.page, { email: reviewer.email, role: "reviewer" });
    viewer.password = await inviteMember(studio, studio.page, { email: viewer.email, role: "viewer" });
  });

  it("a reviewer is offered no script creation or import, and no flow-library edits", async () => {
    const page = await pageFor(reviewer.email, reviewer.password);
    await page.goto(`${studio.url}/scripts`);
    await expect.poll(() => page.getByRole("link", { name: "greeting" }).count()).toBeGreaterThan(0);
    expect(await page.getByRole("button", { name: "+ New script" }).count()).toBe(0);
    expect(await page.getByText("Import…").count()).toBe(0);
    await screenshot(page, "role-aware-1-reviewer-scripts");

    await page.goto(`${studio.url}/flows`);
    await expect.poll(() => page.getByRole("link", { name: /transfer/i }).count()).toBeGreaterThan(0);
    expect(await page.getByRole("button", { name: "+ New flow" }).count()).toBe(0);
    expect(await page.getByText("Import flow file").count()).toBe(0);
    expect(await page.getByRole("button", { name: /^Duplicate / }).count()).toBe(0);
    expect(await page.getByRole("button", { name: /^Archive / }).count()).toBe(0);
    await screenshot(page, "role-aware-2-reviewer-flows");
    await page.context().close();
  });

  it("a viewer's settings show what they may read, and no form they may not use", async () => {
    for (const locale of ["en", "zh"] as const) {
      const page = await pageFor(viewer.email, viewer.password, locale);
      await page.goto(`${studio.url}/settings`);
      // API keys and webhooks are for admins: not offered in the navigation, not a landing page.
      await expect.poll(() => page.getByRole("cell", { name: viewer.email }).count()).toBeGreaterThan(0);
      expect(new URL(page.url()).pathname).toBe("/settings/members");
      const nav = page.getByRole("navigation", { name: locale === "en" ? "Settings sections" : "设置分区" });
      expect(await nav.getByRole("link").count()).toBe(1);
      const content = page.getByTestId("settings-content");
      expect(await content.locator("form, select, input, button").count()).toBe(0);
      await screenshot(page, `role-aware-3-viewer-settings-${locale}`);

      await page.goto(`${studio.url}/settings/api-keys`);
      await expect.poll(() => page.getByTestId("not-allowed").count()).toBe(1);
      expect(await page.getByTestId("settings-content").locator("form, select, input, button").count()).toBe(0);
      await screenshot(page, `role-aware-4-viewer-api-keys-${locale}`);
      await page.context().close();
    }
  });
});
