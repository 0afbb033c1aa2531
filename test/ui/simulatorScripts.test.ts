// The canvas simulator shows each step's script as the customer receives it on the chosen channel,
// for the chosen sample customer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot, startStudio } from "./studioHarness";
import type { Studio } from "./studioHarness";
import { errorCount, selectNode } from "./designerHelpers";

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio();
});
afterAll(async () => studio?.close());

describe("simulator scripts", () => {
  it("renders the opening's greeting for the sample customer on voice, as SSML", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/flows/card-transfer-stepup`);
    await page.getByRole("tab", { name: "Simulate" }).click();
    await page.getByLabel("Channel").selectOption("voice");
    await page.getByLabel("Sample customer").selectOption("typical");
    await page.getByRole("button", { name: "Start simulation" }).click();
    await expect.poll(() => page.getByTestId("sim-status").textContent()).toBe("active · opening");
    const steps = page.getByTestId("sim-steps");
    await expect.poll(() => steps.textContent()).toContain("script: greeting (voice)");
    expect(await steps.textContent()).toMatch(/<speak>.*王芳.*<break time="200ms"\/>/);
    await screenshot(page, "simulator-script-voice");

    await page.getByLabel("Sample customer").selectOption("no-name");
    await page.getByLabel("Channel").selectOption("chat");
    await page.getByRole("button", { name: "Restart" }).click();
    await expect.poll(() => steps.textContent()).toContain("script: greeting (chat)");
    expect(await steps.textContent()).not.toContain("undefined");
    expect(await steps.textContent()).not.toContain("王芳");
  });

  it("paints a node whose script does not exist (or has no approved version) once it is set", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/flows/card-transfer-stepup`);
    await expect.poll(() => errorCount(page)).toBe("0 errors");
    await selectNode(page, "opening");
    await page.getByLabel("Script key").fill("no-such-script");
    await page.getByLabel("Script key").press("Tab"); // a key typed by hand is set when the field is left
    await expect.poll(() => errorCount(page)).toBe("1 errors");
    await expect
      .poll(() => page.getByTestId("problems").textContent())
      .toContain('uses script "no-such-script", which does not exist');
    await screenshot(page, "designer-script-missing");
    await page.getByLabel("Script key").fill("greeting");
    await page.getByLabel("Script key").press("Tab");
    await expect.poll(() => errorCount(page)).toBe("0 errors");
  });
});
