// Issue 15, the process map in the browser: folders nested as process levels, a flow dragged into one,
// which flows call which and where each is published, a caller flagged when the subflow it inlines is
// republished, and "republish callers" as one action. Screenshots in English and Chinese.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { screenshot, startStudio } from "./studioHarness";
import type { Studio } from "./studioHarness";

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio();
});
afterAll(async () => studio?.close());

async function trpc(page: Page, path: string, input: unknown, method: "GET" | "POST"): Promise<unknown> {
  return page.evaluate(
    async ({ path, input, method }) => {
      const batch = JSON.stringify({ "0": input });
      const response =
        method === "GET"
          ? await fetch(`/api/trpc/${path}?batch=1&input=${encodeURIComponent(batch)}`)
          : await fetch(`/api/trpc/${path}?batch=1`, {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: batch,
            });
      const body = (await response.json()) as [{ result?: { data: unknown }; error?: unknown }];
      if (!response.ok) throw new Error(JSON.stringify(body));
      return body[0].result?.data;
    },
    { path, input, method },
  );
}

describe("the process map", () => {
  it("nests folders and moves a flow into one by dragging it", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/process-map`);
    const top = page.getByTestId("folder-Top level");
    await expect.poll(() => page.getByTestId("map-flow-fault-diagnosis").count()).toBe(1);
    await top.getByRole("button", { name: "+ New folder" }).first().click();
    await page.getByLabel("Folder name").fill("L2 After-sales service");
    await page.getByRole("button", { name: "Add" }).click();
    const level2 = page.getByTestId("folder-L2 After-sales service");
    await expect.poll(() => level2.count()).toBe(1);
    await level2.getByRole("button", { name: "+ New folder" }).first().click();
    await page.getByLabel("Folder name").fill("L3 Repairs");
    await page.getByRole("button", { name: "Add" }).click();
    const level3 = page.getByTestId("folder-L3 Repairs");
    await expect.poll(() => level3.count()).toBe(1);

    // Picked up by its name (the middle of the row is the folder picker).
    await page.getByTestId("map-flow-fault-diagnosis").dragTo(level3, { sourcePosition: { x: 12, y: 12 } });
    await expect.poll(() => level3.getByTestId("map-flow-fault-diagnosis").count()).toBe(1);
    await page.getByLabel("Move Warranty check to").selectOption({ label: "L3 Repairs" });
    await expect.poll(() => level3.getByTestId("map-flow-warranty-check").count()).toBe(1);
    // Inside its level 2 folder, as the tree nests.
    expect(await level2.getByTestId("map-flow-fault-diagnosis").count()).toBe(1);
    const row = await page.getByTestId("map-flow-fault-diagnosis").textContent();
    expect(row).toContain("calls warranty-check");
    expect(row).toContain("v1 published");
    expect(await page.getByTestId("map-flow-warranty-check").textContent()).toContain("called by fault-diagnosis");
  });

  it("flags the caller when its inlined subflow is republished, and republishes callers in one action", async () => {
    const { page, url } = studio;
    const draft = await trpc(page, "flows.get", { key: "warranty-check" }, "GET");
    const document = Reflect.get(Object(draft), "document");
    await trpc(
      page,
      "flows.saveDraft",
      {
        key: "warranty-check",
        document: { ...Object(document), name: "Warranty check (2026 terms)" },
        baseRevision: Reflect.get(Object(draft), "revision"),
      },
      "POST",
    );
    await trpc(page, "flows.publish", { key: "warranty-check" }, "POST");
    await page.goto(`${url}/process-map`);
    await expect.poll(() => page.getByTestId("stale-fault-diagnosis").count()).toBe(1);
    expect(await page.getByTestId("stale-fault-diagnosis").textContent()).toContain("inlines an older warranty-check");
    await screenshot(page, "process-map-1-en");

    await page.getByRole("button", { name: "Republish callers (1)" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toBe("Republished fault-diagnosis v2");
    await expect.poll(() => page.getByTestId("stale-fault-diagnosis").count()).toBe(0);
    expect(await page.getByTestId("map-flow-fault-diagnosis").textContent()).toContain("v2 published");
  });

  it("in Chinese", async () => {
    const context = await studio.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
    await context.addCookies([{ name: "journey-locale", value: "zh", url: studio.url }]);
    const page = await context.newPage();
    await context.request.post(`${studio.url}/api/auth/sign-in/email`, {
      data: { email: "admin@journey.local", password: "ui-test-admin-password-1" },
      headers: { origin: studio.url },
    });
    // Make the caller stale again, so the Chinese view shows the flag and the action too.
    await page.goto(`${studio.url}/process-map`);
    const p2 = page;
    const d = await trpc(p2, "flows.get", { key: "warranty-check" }, "GET");
    await trpc(
      p2,
      "flows.saveDraft",
      {
        key: "warranty-check",
        document: { ...Object(Reflect.get(Object(d), "document")), name: "保修检查" },
        baseRevision: Reflect.get(Object(d), "revision"),
      },
      "POST",
    );
    await trpc(p2, "flows.publish", { key: "warranty-check" }, "POST");
    await page.reload();
    await expect.poll(() => page.getByTestId("stale-fault-diagnosis").count()).toBe(1);
    await expect.poll(() => page.getByRole("heading", { name: "流程地图" }).count()).toBe(1);
    expect(await page.getByRole("button", { name: "重新发布调用方（1）" }).count()).toBe(1);
    await screenshot(page, "process-map-2-zh");
    await context.close();
  });
});
