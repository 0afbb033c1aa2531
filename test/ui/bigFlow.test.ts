// A 1,200-node flow in the designer: drawn light when zoomed out (no minimap, no connectable handles),
// detailed when zoomed in, validated in a worker, and connected by typing a node id.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseFlowDocumentOrThrow } from "../../flows";
import { generatedFlowOfSize } from "../../flows/testing/arbitraryFlow";
import { screenshot, startStudio } from "./studioHarness";
import type { Studio } from "./studioHarness";
import { savedState, selectNode } from "./designerHelpers";

const root = join(import.meta.dirname, "..", "..");
const SIZE = 1200;
let studio: Studio;
let dataDir: string;

beforeAll(async () => {
  const generated = parseFlowDocumentOrThrow({
    ...generatedFlowOfSize(SIZE),
    key: "big-flow",
    name: "Big flow 大流程",
  });
  // Spread out in rows of 40, as a big flow is drawn: too wide to read at the zoom that shows it whole.
  const flow = {
    ...generated,
    nodes: generated.nodes.map((n, i) => ({ ...n, position: { x: (i % 40) * 260, y: Math.floor(i / 40) * 160 } })),
  };
  dataDir = mkdtempSync(join(tmpdir(), "journey-big-flow-"));
  writeFileSync(join(dataDir, "big-flow.json"), JSON.stringify(flow));
  execFileSync(process.execPath, [join(root, "bin", "journey.js"), "import", join(dataDir, "big-flow.json")], {
    cwd: root,
    env: { ...process.env, JOURNEY_DATA_DIR: join(dataDir, "db"), DATABASE_URL: "", JOURNEY_EXAMPLES: "off" },
    stdio: "ignore",
  });
  studio = await startStudio({ env: { JOURNEY_DATA_DIR: join(dataDir, "db"), JOURNEY_EXAMPLES: "off" } });
});
afterAll(async () => {
  await studio?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe("designer: a 1,200-node flow", () => {
  it("opens whole and light: every node drawn, no minimap, handles only measured, validation in a worker", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/flows/big-flow`);
    await expect.poll(() => page.locator(".react-flow__node").count(), { timeout: 30_000 }).toBe(SIZE);
    await expect.poll(() => page.locator('.react-flow__node [data-detail="light"]').count()).toBe(SIZE);
    expect(await page.locator(".react-flow__edge").count()).toBeGreaterThan(SIZE);
    expect(await page.locator(".react-flow__minimap").count()).toBe(0);
    expect(await page.locator(".react-flow__node .react-flow__handle.connectable").count()).toBe(0);
    expect(page.workers().some((worker) => worker.url().includes("/_next/static/"))).toBe(true);
    await expect.poll(() => page.getByTestId("error-count").textContent()).toBe("0 errors");
    await screenshot(page, "bigflow-1-light");
  });

  it("zooms in on a found node, shows it in detail, and connects it by typing a node id", async () => {
    const { page } = studio;
    await selectNode(page, "n8");
    await expect.poll(() => page.locator('[data-node-id="n8"]').getAttribute("data-detail")).toBe("full");
    expect(
      await page.locator('.react-flow__node[data-id="n8"] .react-flow__handle.connectable').count(),
    ).toBeGreaterThan(0);
    const target = page.getByLabel("Go to: out", { exact: true });
    expect(await target.inputValue()).toBe("n9");

    await target.fill("no-such-node");
    await target.press("Enter");
    await expect.poll(() => target.getAttribute("aria-invalid")).toBe("true");
    await target.fill("n20");
    await target.press("Enter");
    await expect.poll(() => target.getAttribute("aria-invalid")).toBe("false");
    await expect.poll(() => savedState(page), { timeout: 10_000 }).toBe("saved");
    await screenshot(page, "bigflow-2-detail");

    await page.reload();
    await expect.poll(() => page.locator(".react-flow__node").count(), { timeout: 30_000 }).toBe(SIZE);
    await selectNode(page, "n8");
    await expect.poll(() => page.getByLabel("Go to: out", { exact: true }).inputValue()).toBe("n20");
  });
});
