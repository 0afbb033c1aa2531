// Issue 14, item 13 (this branch's part): `/` leads into the studio, and the studio has a favicon.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot, startStudio } from "./studioHarness";
import type { Studio } from "./studioHarness";

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio({ signedIn: false });
});
afterAll(async () => studio?.close());

describe("the home page", () => {
  it("has a way into the studio (through sign-in when signed out) and a favicon", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/`);
    const enter = page.getByRole("link", { name: /Open the studio/ });
    expect(await enter.textContent()).toContain("进入工作室");
    const icon = await page.locator('link[rel="icon"]').getAttribute("href");
    expect(icon).toMatch(/icon/);
    const fetched = await page.request.get(new URL(icon ?? "", url).toString());
    expect(fetched.status()).toBe(200);
    expect(fetched.headers()["content-type"]).toContain("image/svg+xml");
    await screenshot(page, "home-entry");
    await enter.click();
    await page.waitForURL(/\/sign-in/);
  });
});
