import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { screenshot, startStudio } from "./studioHarness";
import type { Studio } from "./studioHarness";
import { errorCount, savedState, selectNode } from "./designerHelpers";

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio();
});
afterAll(async () => studio?.close());

const nodes = () => studio.page.locator(".react-flow__node");
const toast = () => studio.page.getByTestId("toast").textContent();

describe("designer: library, editing tools, versions and languages", () => {
  it("shows no count beside Loading… until the library's list has come, in English and Chinese", async () => {
    const { page, url } = studio;
    for (const [locale, loading, count] of [
      ["zh", "加载中…", "7 个流程"],
      ["en", "Loading…", "7 flows"],
    ] as const) {
      await page.context().addCookies([{ name: "journey-locale", value: locale, url }]);
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route("**/api/trpc/**", async (route) => {
        if (route.request().url().includes("flows.list")) await held;
        await route.continue();
      });
      await page.goto(`${url}/flows`);
      await expect.poll(() => page.getByRole("cell", { name: loading }).count()).toBe(1);
      expect(await page.getByTestId("flow-count").textContent()).toBe("");
      await screenshot(page, `library-loading-${locale}`);
      release();
      await expect.poll(() => page.getByTestId("flow-count").textContent()).toBe(count);
      await page.unrouteAll({ behavior: "wait" });
    }
  });

  it("filters the library and creates a flow from an example", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/flows`);
    await expect.poll(() => page.getByTestId("flow-count").textContent()).toBe("7 flows");
    await page.getByLabel("Kind").selectOption("mot");
    await expect.poll(() => page.getByTestId("flow-count").textContent()).toBe("3 of 7 flows");
    await page.getByLabel("Kind").selectOption("");
    await page.getByLabel("Search flows").fill("layered");
    await expect.poll(() => page.getByTestId("flow-count").textContent()).toBe("1 of 7 flows");
    await page.getByLabel("Search flows").fill("");

    await page.getByRole("button", { name: "+ New flow" }).click();
    await page.getByLabel("Name").fill("Card transfer copy");
    await page.getByLabel("Key").fill("card-copy");
    await page.getByLabel("Start from").selectOption("card-transfer-stepup");
    await page.getByRole("button", { name: "Create" }).click();
    await page.waitForURL("**/flows/card-copy");
    await expect.poll(() => nodes().count()).toBe(24);
    await expect.poll(() => errorCount(page)).toBe("0 errors");
    await screenshot(page, "designer-10-from-example");
  });

  it("deletes, undoes, redoes, copies and pastes with the keyboard", async () => {
    const { page } = studio;
    await page.locator('.react-flow__node[data-id="endResolved"]').click();
    await page.keyboard.press("Delete");
    await expect.poll(() => nodes().count()).toBe(23);
    await expect.poll(() => errorCount(page)).not.toBe("0 errors");
    await page.keyboard.press("Control+z");
    await expect.poll(() => nodes().count()).toBe(24);
    await page.keyboard.press("Control+Shift+z");
    await expect.poll(() => nodes().count()).toBe(23);
    await page.keyboard.press("Control+z");
    await expect.poll(() => nodes().count()).toBe(24);
    await expect.poll(() => errorCount(page)).toBe("0 errors");

    await page.locator('.react-flow__node[data-id="confirm"]').click();
    await page.keyboard.press("Control+c");
    await page.keyboard.press("Control+v");
    await expect.poll(() => page.locator('.react-flow__node[data-id="confirm2"]').count()).toBe(1);
    await page.getByRole("button", { name: "Delete selection (Delete)" }).click();
    await expect.poll(() => nodes().count()).toBe(24);
  });

  it("refuses to publish while errors remain, then publishes", async () => {
    const { page } = studio;
    await selectNode(page, "endResolved");
    await page.getByLabel("Outcome").fill("");
    await expect.poll(() => errorCount(page)).toBe("1 errors");
    // Clicking the problem selects its node.
    await page.locator(".react-flow__pane").click({ position: { x: 5, y: 5 } });
    await page.getByTestId("problems").getByRole("button").first().click();
    await expect.poll(() => page.getByLabel("Node id").inputValue()).toBe("endResolved");
    await page.getByRole("button", { name: "Publish" }).click();
    await page.getByRole("button", { name: "Publish version" }).click();
    await expect.poll(toast).toBe("Not published: 1 errors remain.");
    await screenshot(page, "designer-11-publish-refused");
    await page.getByLabel("Outcome").fill("resolved");
    await expect.poll(() => errorCount(page)).toBe("0 errors");
    await page.getByRole("button", { name: "Publish" }).click();
    await page.getByRole("button", { name: "Publish version" }).click();
    await expect.poll(toast).toBe("Published version 1");
  });

  it("shows the differences between a version and the draft, and restores the version", async () => {
    const { page } = studio;
    await selectNode(page, "verifyOtp");
    await page.getByLabel("Level").fill("2");
    await page.getByRole("button", { name: "Add End", exact: true }).press("Enter");
    const referral = page.locator('.react-flow__node[data-id="branchReferral"]');
    // Nodes are drawn larger than they were: bring the whole flow into view before clicking one.
    await page.getByRole("button", { name: "Zoom to fit" }).click();
    // Just after a node is added the canvas may still be settling, and a click can miss: click again
    // until the node is selected (a second click on a selected node keeps it selected).
    await vi.waitFor(
      async () => {
        await referral.click();
        expect(await referral.getAttribute("class")).toContain("selected");
      },
      { timeout: 20_000, interval: 500 },
    );
    await page.keyboard.press("Delete");
    await expect.poll(() => referral.count()).toBe(0);
    await expect.poll(() => savedState(page), { timeout: 10_000 }).toBe("saved");

    await page.getByRole("tab", { name: "Versions" }).click();
    await page.getByRole("combobox", { name: "From", exact: true }).selectOption("1");
    await page.getByRole("combobox", { name: "To", exact: true }).selectOption("draft");
    await page.getByRole("button", { name: "Show differences" }).click();
    const overlay = page.getByTestId("diff-overlay");
    await expect.poll(() => overlay.getByTestId("diff-added").textContent()).toBe("1 added");
    await expect.poll(() => overlay.getByTestId("diff-changed").textContent()).toBe("1 changed");
    await expect.poll(() => overlay.getByTestId("diff-removed").textContent()).toBe("3 removed");
    await expect
      .poll(() =>
        overlay
          .locator('.react-flow__node[data-id="branchReferral"] [data-decoration]')
          .getAttribute("data-decoration"),
      )
      .toBe("removed");
    await expect
      .poll(() =>
        overlay.locator('.react-flow__node[data-id="verifyOtp"] [data-decoration]').getAttribute("data-decoration"),
      )
      .toBe("changed");
    await expect.poll(() => overlay.locator(".react-flow__viewport").getAttribute("style")).not.toContain("scale(1)");
    await screenshot(page, "designer-12-diff");
    await overlay.getByRole("button", { name: "Close comparison" }).click();

    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Restore into draft v1" }).click();
    await expect.poll(toast).toBe("Version 1 restored into the draft");
    await expect.poll(() => nodes().count()).toBe(24);
    await expect.poll(() => errorCount(page)).toBe("0 errors");
    await page.reload();
    await expect.poll(() => nodes().count()).toBe(24);
  });

  it("exports the document and the compiled XState config", async () => {
    const { page } = studio;
    const [documentDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export document" }).click(),
    ]);
    const exported = JSON.parse(readFileSync((await documentDownload.path())!, "utf8")) as {
      key: string;
      schema: string;
      nodes: unknown[];
    };
    expect(exported).toMatchObject({ key: "card-copy", schema: "journey-studio/flow@1" });
    expect(exported.nodes).toHaveLength(24);
    const [compiledDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export XState config" }).click(),
    ]);
    const machine = JSON.parse(readFileSync((await compiledDownload.path())!, "utf8")) as {
      id: string;
      initial: string;
      states: object;
    };
    expect(machine).toMatchObject({ id: "card-copy", initial: "start" });
  });

  it("speaks Chinese", async () => {
    const { page } = studio;
    await page.getByRole("combobox", { name: "Language" }).selectOption("zh");
    await expect.poll(() => page.getByRole("button", { name: "发布" }).count()).toBe(1);
    await expect.poll(() => page.getByRole("button", { name: "添加开始" }).count()).toBe(1);
    await expect.poll(() => errorCount(page)).toBe("0 个错误");
    // The flow language's values in contact-centre terms, with the identifier the document carries.
    expect(await page.getByRole("checkbox", { name: "语音 voice" }).isChecked()).toBe(true);
    await expect
      .poll(() => page.locator('.react-flow__node[data-id="opening"]').textContent())
      .toContain("开场 opening");
    await expect
      .poll(() => page.locator('.react-flow__node[data-id="otpSent"]').textContent())
      .toContain("应用推送 app");
    // The validator's finding (the opening's script has no app wording), worded in Chinese.
    await expect.poll(() => page.getByTestId("problems").textContent()).toContain("应用推送 app版本");
    await screenshot(page, "designer-13-chinese");
    await page.getByRole("combobox", { name: "语言" }).selectOption("en");
  });

  it("archives with confirmation, and imports a flow file", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/flows`);
    await page.getByRole("button", { name: "Archive Card transfer copy" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Archive" }).click();
    await expect.poll(() => page.getByTestId("flow-row-card-copy").count()).toBe(0);
    await page.getByLabel("Status").selectOption("archived");
    await expect.poll(() => page.getByTestId("flow-row-card-copy").count()).toBe(1);
    await screenshot(page, "designer-14-archived");
    await page.getByLabel("Status").selectOption("active");

    const document = {
      schema: "journey-studio/flow@1",
      key: "imported-flow",
      name: "Imported 导入",
      kind: "mot",
      channels: ["sms"],
      variables: {},
      nodes: [
        { id: "start", type: "start", position: { x: 0, y: 0 }, data: { trigger: { type: "api" } } },
        { id: "done", type: "end", position: { x: 0, y: 150 }, data: { outcome: "resolved" } },
      ],
      edges: [{ id: "e1", source: "start", target: "done" }],
    };
    await page.getByTestId("library-import").setInputFiles({
      name: "imported.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(document)),
    });
    await page.waitForURL("**/flows/imported-flow");
    await expect.poll(() => nodes().count()).toBe(2);
  });
});
