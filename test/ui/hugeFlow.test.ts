// A flow of HUGE_FLOW nodes in the designer: it opens at its start node drawing only the nodes in view
// (the others carry an estimated box, components/canvas/largeFlow.ts), edges leaving the view are drawn,
// and every edge between drawn nodes ends on their measured handles, after a pan, a drag and an undo too.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseFlowDocumentOrThrow } from "../../flows";
import type { FlowDocument } from "../../flows";
import { generatedFlowOfSize } from "../../flows/testing/arbitraryFlow";
import { HUGE_FLOW } from "../../components/canvas/largeFlow";
import { screenshot, startStudio } from "./studioHarness";
import type { Studio } from "./studioHarness";
import { savedState } from "./designerHelpers";

const root = join(import.meta.dirname, "..", "..");
let studio: Studio;
let dataDir: string;
let flow: FlowDocument;

beforeAll(async () => {
  const generated = parseFlowDocumentOrThrow({
    ...generatedFlowOfSize(HUGE_FLOW),
    key: "huge-flow",
    name: "Huge flow 超大流程",
  });
  flow = {
    ...generated,
    nodes: generated.nodes.map((n, i) => ({ ...n, position: { x: (i % 40) * 260, y: Math.floor(i / 40) * 160 } })),
  };
  dataDir = mkdtempSync(join(tmpdir(), "journey-huge-flow-"));
  writeFileSync(join(dataDir, "huge-flow.json"), JSON.stringify(flow));
  execFileSync(process.execPath, [join(root, "bin", "journey.js"), "import", join(dataDir, "huge-flow.json")], {
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

type Drawn = { nodes: string[]; hidden: number; edges: string[]; offHandles: string[] };

/**
 * What the canvas draws: its nodes (and how many are still hidden, unmeasured), its edges, and the ends
 * of edges between drawn nodes that are not on their nodes' handles as the DOM places them (an edge
 * leaves its source handle's bottom centre and enters its target handle's top centre).
 */
function drawn(page: Page): Promise<Drawn> {
  const edges = flow.edges.map((e) => [e.id, e.source, e.sourceHandle ?? null, e.target] as const);
  return page.evaluate((all) => {
    const pane = document.querySelector(".react-flow__pane")?.getBoundingClientRect();
    const viewport = document.querySelector<HTMLElement>(".react-flow__viewport");
    if (!pane || !viewport) return { nodes: [], hidden: 0, edges: [], offHandles: ["no canvas"] };
    const { e: tx, f: ty, a: zoom } = new DOMMatrixReadOnly(getComputedStyle(viewport).transform);
    const toFlow = (x: number, y: number) => [(x - pane.left - tx) / zoom, (y - pane.top - ty) / zoom] as const;
    const nodeEls = [...document.querySelectorAll<HTMLElement>(".react-flow__node")];
    const nodes = nodeEls.map((el) => el.dataset.id ?? "");
    const hidden = nodeEls.filter((el) => el.style.visibility === "hidden").length;
    const drawnEdges = new Set(
      [...document.querySelectorAll<SVGElement>(".react-flow__edge")].map((el) => el.dataset.id ?? ""),
    );
    const offHandles: string[] = [];
    for (const [id, source, handle, target] of all) {
      if (!drawnEdges.has(id)) continue;
      const from = document.querySelector(`.react-flow__handle[data-id$="-${source}-${handle ?? "null"}-source"]`);
      const to = document.querySelector(`.react-flow__handle[data-id$="-${target}-null-target"]`);
      if (!from || !to) continue; // an end not drawn (out of view) ends at its estimate
      const path = document.querySelector(`.react-flow__edge[data-id="${id}"] .react-flow__edge-path`);
      const numbers = (path?.getAttribute("d") ?? "").match(/-?\d+(\.\d+)?/g)?.map(Number) ?? [];
      const a = from.getBoundingClientRect();
      const b = to.getBoundingClientRect();
      const [sx, sy] = toFlow(a.left + a.width / 2, a.bottom);
      const [ex, ey] = toFlow(b.left + b.width / 2, b.top);
      const [px, py] = numbers;
      const [qx, qy] = numbers.slice(-2);
      const off = (u: number | undefined, v: number) => u === undefined || Math.abs(u - v) > 1.5;
      if (off(px, sx) || off(py, sy) || off(qx, ex) || off(qy, ey))
        offHandles.push(`${id}: ${px},${py} → ${qx},${qy} (handles ${sx},${sy} → ${ex},${ey})`);
    }
    return { nodes, hidden, edges: [...drawnEdges], offHandles };
  }, edges);
}

describe(`designer: a ${HUGE_FLOW.toLocaleString("en")}-node flow`, () => {
  it("opens at its start node drawing only the nodes in view, with the edges that leave the view", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/flows/huge-flow`);
    await expect.poll(async () => (await drawn(page)).nodes.length, { timeout: 60_000 }).toBeGreaterThan(10);
    await expect.poll(async () => (await drawn(page)).hidden).toBe(0);
    const now = await drawn(page);
    expect(now.nodes.length).toBeLessThan(HUGE_FLOW / 10);
    expect(now.nodes).toContain(flow.nodes.find((n) => n.type === "start")?.id);
    const shown = new Set(now.nodes);
    const leaving = flow.edges.filter((e) => now.edges.includes(e.id) && !(shown.has(e.source) && shown.has(e.target)));
    expect(leaving.length).toBeGreaterThan(0);
    expect(now.offHandles).toEqual([]);
    // The validator's answer comes after the first paint, from its worker: the generated flow's nodes
    // say a script the studio does not have, so it reports errors.
    await expect.poll(() => page.getByTestId("error-count").textContent(), { timeout: 30_000 }).not.toBe("0 errors");
    await screenshot(page, "hugeflow-1-open-en");
  });

  it("draws nodes as a pan brings them into view, and keeps edges on their handles through a drag and an undo", async () => {
    const { page } = studio;
    const before = new Set((await drawn(page)).nodes);
    // A point of the empty pane (between nodes) near its bottom right corner, dragged to the centre.
    const grab = await page.evaluate(() => {
      const pane = document.querySelector(".react-flow__pane")?.getBoundingClientRect();
      if (!pane) return undefined;
      for (let y = pane.bottom - 30; y > pane.top + pane.height / 2; y -= 7)
        for (let x = pane.right - 30; x > pane.left + pane.width / 2; x -= 7)
          if (document.elementFromPoint(x, y)?.classList.contains("react-flow__pane"))
            return { x, y, cx: pane.left + pane.width / 2, cy: pane.top + pane.height / 2 };
      return undefined;
    });
    if (!grab) throw new Error("no empty point on the pane");
    await page.mouse.move(grab.x, grab.y);
    await page.mouse.down();
    await page.mouse.move(grab.cx, grab.cy, { steps: 8 });
    await page.mouse.up();
    await expect.poll(async () => (await drawn(page)).nodes.some((id) => !before.has(id))).toBe(true);
    await expect.poll(async () => (await drawn(page)).hidden).toBe(0);
    expect((await drawn(page)).offHandles).toEqual([]);

    // The widest drawn node: wider than its estimate, so a drag would put its edges on the estimated
    // handles if the estimate outlived its measurement.
    const widest = await page.evaluate(() => {
      let best: { id: string; x: number; y: number; width: number } | undefined;
      for (const el of document.querySelectorAll<HTMLElement>(".react-flow__node")) {
        const r = el.getBoundingClientRect();
        if (r.top < 120 || r.bottom > window.innerHeight - 120) continue;
        if (!best || r.width > best.width)
          best = { id: el.dataset.id ?? "", x: r.left + 20, y: r.top + 12, width: r.width };
      }
      return best;
    });
    if (!widest) throw new Error("no node to drag");
    const positionOf = () =>
      page.locator(`.react-flow__node[data-id="${widest.id}"]`).evaluate((el) => (el as HTMLElement).style.transform);
    const start = await positionOf();
    await page.mouse.move(widest.x, widest.y);
    await page.mouse.down();
    await page.mouse.move(widest.x + 60, widest.y + 40, { steps: 6 });
    await page.mouse.up();
    await expect.poll(positionOf).not.toBe(start);
    expect((await drawn(page)).offHandles).toEqual([]);
    await expect.poll(() => savedState(page), { timeout: 20_000 }).toBe("saved");

    await page.keyboard.press("Control+z");
    await expect.poll(positionOf).toBe(start);
    expect((await drawn(page)).offHandles).toEqual([]);
    await screenshot(page, "hugeflow-2-panned-en");

    await page.getByRole("combobox", { name: "Language" }).selectOption("zh");
    await expect.poll(() => page.getByRole("button", { name: "发布", exact: true }).count()).toBe(1);
    expect((await drawn(page)).offHandles).toEqual([]);
    await screenshot(page, "hugeflow-3-zh");
    await page.getByRole("combobox", { name: "语言", exact: true }).selectOption("en");
  });
});
