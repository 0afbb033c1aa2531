// A new, empty workspace made in Settings → Workspaces, switched to in the header.
import { expect } from "vitest";
import type { Page } from "playwright-core";

export async function emptyWorkspace(page: Page, url: string, slug: string, name: string): Promise<void> {
  await page.goto(`${url}/settings/workspaces`);
  const table = page.getByTestId("workspaces-table");
  // The list is fetched from the browser, so its rows mean the page is hydrated: a form submitted
  // before that is the browser's own GET of the page, and creates nothing (seen on a busy machine).
  await expect.poll(() => table.locator("tbody tr").count()).toBeGreaterThan(0);
  await page.getByLabel("Handle").fill(slug);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect.poll(() => table.textContent()).toContain(slug);
  await page.goto(`${url}/flows`);
  await page.getByTestId("workspace-switcher").selectOption({ label: name });
  await page.waitForURL(`${url}/flows`);
  await expect.poll(async () => (await page.locator("option:checked").first().textContent()) ?? "").toBe(name);
}
