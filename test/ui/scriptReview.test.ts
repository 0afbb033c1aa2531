// Issue 14, item 5: scripts save themselves; a version in review cannot be edited; a reviewer sends
// it back with a comment; approving first says which published flows and running interactions it changes.
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot, startStudio } from "./studioHarness";
import type { Studio } from "./studioHarness";
import { dataDirWithApiKey } from "./designerHelpers";

let studio: Studio;
let apiKey: string;
let dataDir: string;
beforeAll(async () => {
  ({ dataDir, apiKey } = dataDirWithApiKey());
  studio = await startStudio({ env: { JOURNEY_DATA_DIR: dataDir } });
});
afterAll(async () => {
  await studio?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const status = (version: number) =>
  studio.page.getByTestId(`version-${version}`).locator("[data-status]").getAttribute("data-status");

describe("script review", () => {
  it("autosaves, freezes a version in review, sends it back with a comment, and approves knowing what it changes", async () => {
    const { page, url } = studio;
    for (let i = 0; i < 2; i++) {
      const started = await fetch(`${url}/api/v1/interactions`, {
        method: "POST",
        headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
        body: JSON.stringify({ flow: "card-transfer-stepup", channel: "chat", customer: { id: `c-review-${i}` } }),
      });
      expect(started.status).toBe(201);
    }

    await page.goto(`${url}/scripts/greeting`);
    const editor = page.getByTestId("variant-editor");
    await editor.click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type(" 祝您愉快。");
    // No Save click: the draft saves itself once typing pauses.
    await expect.poll(() => page.getByTestId("dirty-state").textContent()).toBe("Saved automatically (draft v2)");
    expect(await status(2)).toBe("draft");

    await page.getByRole("button", { name: "Submit for review" }).click();
    await expect.poll(() => status(2)).toBe("in_review");
    await expect.poll(() => editor.getAttribute("contenteditable")).toBe("false");
    expect(await page.getByTestId("review-locked").count()).toBe(1);
    expect(await page.getByLabel("Variant channel").isDisabled()).toBe(true);

    await page.getByRole("button", { name: "Request changes" }).click();
    await page.getByLabel("What should change").fill("开场白请更简短，并加上客服工号。");
    await page.getByRole("button", { name: "Send back to draft" }).click();
    await expect.poll(() => status(2)).toBe("draft");
    await expect.poll(() => page.getByTestId("returned-2").textContent()).toContain("开场白请更简短，并加上客服工号。");
    expect(await page.getByTestId("returned-2").textContent()).toMatch(/^Returned by Admin, /);
    await expect.poll(() => editor.getAttribute("contenteditable")).toBe("true");
    await screenshot(page, "review-returned-en");

    await page.getByRole("button", { name: "Submit for review" }).click();
    await expect.poll(() => status(2)).toBe("in_review");
    await page.getByRole("button", { name: "Approve" }).click();
    const dialog = page.getByRole("dialog", { name: "Approve v2?" });
    const impact = dialog.getByTestId("approve-impact");
    // The example journeys that say "greeting" (the transfer among them), with their two running interactions.
    await expect.poll(() => impact.textContent()).toMatch(/^It goes live at once in \d+ published flow\(s\):/);
    const flows = Number(/in (\d+) published/.exec((await impact.textContent()) ?? "")?.[1]);
    expect(await impact.getByRole("listitem").count()).toBe(flows);
    expect(await impact.textContent()).toContain("Mobile transfer with layered verification");
    expect(await dialog.getByTestId("approve-running").textContent()).toBe(
      "2 running interaction(s) get this wording from their next message.",
    );
    await screenshot(page, "review-approve-impact-en");
    await dialog.getByRole("button", { name: "Approve v2" }).click();
    await expect.poll(() => status(2)).toBe("approved");
    expect(await page.getByTestId("message").textContent()).toBe(
      `Approved v2: ${flows} published flow(s) now use it; 2 running interaction(s) get it from their next message.`,
    );
  });

  it("shows the same in Chinese", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/scripts/greeting`);
    await page.getByRole("combobox", { name: "Language" }).selectOption("zh");
    await expect.poll(() => page.getByTestId("returned-2").textContent()).toMatch(/^Admin 于 .+ 退回：/);
    await screenshot(page, "review-returned-zh");
    await page.getByRole("combobox", { name: "语言", exact: true }).selectOption("en");
  });
});
