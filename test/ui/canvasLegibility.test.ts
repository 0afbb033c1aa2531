// Issue 14, item 12: edges with arrowheads, readable node text, a problems panel that does not
// squeeze the canvas, a one-row toolbar at 1440 px (English and Chinese), a node dropped on an empty
// canvas staying where it was dropped, and a key for a flow with a Chinese name.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { screenshot, startStudio } from "./studioHarness";
import type { Studio } from "./studioHarness";
import { selectNode } from "./designerHelpers";

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio();
});
afterAll(async () => studio?.close());

/** The distinct rows the designer toolbar's visible controls sit on. */
async function toolbarRows(page: Page): Promise<number> {
  return page.locator(".react-flow").evaluate(() => {
    const bar = document.querySelector('[class*="toolbar"]:not([class*="toolbarGroup"])');
    const controls = [...(bar?.querySelectorAll("button, a, input, select") ?? [])].filter(
      (el) => (el as HTMLElement).offsetParent !== null,
    );
    return new Set(controls.map((el) => Math.round(el.getBoundingClientRect().top / 8))).size;
  });
}

describe("canvas legibility", () => {
  it("draws edges dark with arrowheads, node titles readable, a fixed problems panel and a one-row toolbar", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/flows/card-transfer-stepup`);
    const path = page.locator(".react-flow__edge-path").first();
    await expect.poll(() => path.count()).toBe(1);
    const edge = await path.evaluate((el) => {
      const style = getComputedStyle(el);
      return { marker: style.markerEnd, stroke: style.stroke, width: style.strokeWidth };
    });
    expect(edge.marker).toContain("journey-edge-arrow");
    expect(edge.stroke).toBe("rgb(103, 112, 127)");
    expect(await page.locator("#journey-edge-arrow").count()).toBe(1);
    const title = await page
      .locator('.react-flow__node[data-id="opening"] [class*="nodeTitle"]')
      .evaluate((el) => getComputedStyle(el).fontSize);
    expect(title).toBe("15px");
    expect(await toolbarRows(page)).toBe(1);

    // More problems do not make the canvas smaller.
    const canvasHeight = () => page.getByRole("application", { name: /canvas/i }).evaluate((el) => el.clientHeight);
    const before = await canvasHeight();
    await selectNode(page, "opening");
    const script = page.getByRole("combobox", { name: "Script key" });
    await script.fill("nope-1");
    await script.press("Tab");
    await expect.poll(() => page.getByTestId("error-count").textContent()).toBe("1 errors");
    expect(await canvasHeight()).toBe(before);
    await screenshot(page, "canvas-legibility-en");

    await page.getByRole("combobox", { name: "Language" }).selectOption("zh");
    await expect.poll(() => page.getByRole("button", { name: "发布", exact: true }).count()).toBe(1);
    expect(await toolbarRows(page)).toBe(1);
    await screenshot(page, "canvas-legibility-zh");
    await page.getByRole("combobox", { name: "语言", exact: true }).selectOption("en");
  });

  it("derives a key for a flow with a Chinese name, and keeps a node where it was dropped on the empty canvas", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/flows`);
    await page.getByRole("combobox", { name: "Language" }).selectOption("zh");
    await page
      .getByRole("button", { name: /新建流程/ })
      .first()
      .click();
    await page.getByLabel("名称").fill("还款提醒");
    const key = await page.getByRole("textbox", { name: /^标识/ }).inputValue();
    expect(key).toMatch(/^flow-[0-9a-z]+$/);
    await page.getByRole("button", { name: "创建", exact: true }).click();
    await page.waitForURL(`${url}/flows/${key}`);
    await page.getByRole("combobox", { name: "语言", exact: true }).selectOption("en");

    const canvas = page.getByRole("application", { name: /canvas/i });
    const box = await canvas.boundingBox();
    if (!box) throw new Error("no canvas");
    const drop = { x: Math.round(box.x + 160), y: Math.round(box.y + 140) };
    await canvas.evaluate((el, at) => {
      const data = new DataTransfer();
      data.setData("application/x-journey-node", "stage");
      el.dispatchEvent(
        new DragEvent("dragover", {
          dataTransfer: data,
          clientX: at.x,
          clientY: at.y,
          bubbles: true,
          cancelable: true,
        }),
      );
      el.dispatchEvent(
        new DragEvent("drop", { dataTransfer: data, clientX: at.x, clientY: at.y, bubbles: true, cancelable: true }),
      );
    }, drop);
    const node = page.locator(".react-flow__node").first();
    await expect.poll(() => node.count()).toBe(1);
    // Two frames: React Flow measured the node and would have fitted the view to it by now.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const at = await node.boundingBox();
    expect(Math.abs((at?.x ?? 0) - (drop.x - 100))).toBeLessThan(4);
    expect(Math.abs((at?.y ?? 0) - (drop.y - 20))).toBeLessThan(4);
    await screenshot(page, "canvas-dropped-en");
  });
});
