// The canvas simulator shows each step's script as the customer receives it on the chosen channel,
// for the chosen sample customer (issue 5, item 4).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot, startStudio } from "./studioHarness";
import type { Studio } from "./studioHarness";

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

    await page.getByLabel("Sample customer").selectOption("nameMissing");
    await page.getByLabel("Channel").selectOption("chat");
    await page.getByRole("button", { name: "Restart" }).click();
    await expect.poll(() => steps.textContent()).toContain("script: greeting (chat)");
    expect(await steps.textContent()).not.toContain("undefined");
    expect(await steps.textContent()).not.toContain("王芳");
  });
});
