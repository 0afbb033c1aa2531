import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import type { Page } from "playwright-core";

const root = join(import.meta.dirname, "..", "..");

/**
 * A fresh PGlite folder holding a test API key, made by the `journey` CLI before the server opens
 * the folder (PGlite is single-process: the CLI and the server must not hold it at once).
 */
export function dataDirWithApiKey(): { dataDir: string; apiKey: string } {
  const dataDir = mkdtempSync(join(tmpdir(), "journey-designer-"));
  const output = execFileSync(
    process.execPath,
    [join(root, "bin", "journey.js"), "api-key", "create", "--name", "designer-test", "--test"],
    {
      cwd: root,
      env: { ...process.env, JOURNEY_DATA_DIR: dataDir, DATABASE_URL: "" },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const apiKey = output.trim().split("\n").pop() ?? "";
  expect(apiKey).toMatch(/^js_test_/);
  return { dataDir, apiKey };
}

/** Selects a node the keyboard way: the canvas's "find a node" box. */
export async function selectNode(page: Page, id: string): Promise<void> {
  const search = page.getByRole("searchbox", { name: "Find a node" });
  await search.fill(id);
  await search.press("Enter");
  await expect.poll(() => page.getByLabel("Node id").inputValue()).toBe(id);
}

/** Adds a node from the palette (Enter on its button), then names it in the inspector. */
export async function addNode(page: Page, label: string, id: string): Promise<void> {
  await page.getByRole("button", { name: `Add ${label}`, exact: true }).press("Enter");
  await renameSelected(page, id);
}

export async function renameSelected(page: Page, id: string): Promise<void> {
  const field = page.getByLabel("Node id");
  await field.fill(id);
  await field.press("Enter");
  await expect.poll(() => page.locator(`.react-flow__node[data-id="${id}"]`).count()).toBe(1);
}

export async function connect(page: Page, outlet: string, target: string): Promise<void> {
  await page.getByRole("combobox", { name: `Go to: ${outlet}`, exact: true }).selectOption(target);
}

export async function errorCount(page: Page): Promise<string | null> {
  return page.getByTestId("error-count").textContent();
}

export async function savedState(page: Page): Promise<string | null> {
  return page.getByTestId("save-state").getAttribute("data-status");
}
