import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot, startStudio } from "./studioHarness";
import type { Studio } from "./studioHarness";
import { addNode, connect, dataDirWithApiKey, errorCount, savedState, selectNode } from "./designerHelpers";

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

const KEY = "transfer-step-up";

describe("designer: the layered-verification transfer, from an empty canvas to a running interaction", () => {
  it("lists the example flows in the library", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/flows`);
    await expect.poll(() => page.getByTestId("flow-row-card-transfer-stepup").count()).toBe(1);
    await expect.poll(() => page.getByTestId("flow-row-card-transfer-stepup").textContent()).toContain("v1");
    await screenshot(page, "designer-01-library");
  });

  it("creates a blank flow and builds it with the palette and inspector, the validator following along", async () => {
    const { page } = studio;
    await page.getByRole("button", { name: "+ New flow" }).click();
    await page.getByLabel("Name").fill("Transfer with step-up");
    await page.getByLabel("Key").fill(KEY);
    await page.getByRole("button", { name: "Create" }).click();
    await page.waitForURL(`**/flows/${KEY}`);
    await expect.poll(() => page.locator(".react-flow__pane").count()).toBe(1);
    await expect.poll(() => page.locator(".react-flow__node").count()).toBe(0);
    await screenshot(page, "designer-02-empty-canvas");

    // Start is dragged from the palette; the rest are added with the keyboard.
    await page
      .getByRole("button", { name: "Add Start", exact: true })
      .dragTo(page.locator(".react-flow__pane"), { targetPosition: { x: 420, y: 80 } });
    await expect.poll(() => page.locator('.react-flow__node[data-id="start"]').count()).toBe(1);

    await addNode(page, "Stage", "opening");
    await page.getByLabel("Script key").fill("greeting");
    await page.getByLabel("Script key").press("Tab"); // the picker's list closes; the typed key is kept
    await page.getByLabel("Moment of truth (MOT)").check();

    await addNode(page, "Decision", "amountCheck");
    await page.getByRole("button", { name: "Add: Rules (first match wins)" }).click();
    await page.getByLabel("When").fill("amount > 50000");
    await page.getByLabel("Outlet").fill("high");

    // The rule reads a variable the flow does not declare yet: an error, painted on the node.
    await expect.poll(() => page.getByTestId("problems").textContent()).toContain("amount");
    await expect
      .poll(() =>
        page.locator('.react-flow__node[data-id="amountCheck"] [data-decoration]').getAttribute("data-decoration"),
      )
      .toContain("error");
    // The validator runs in a worker, off the page's main thread.
    expect(page.workers().some((worker) => worker.url().includes("/_next/static/"))).toBe(true);
    await screenshot(page, "designer-03-validation-error");

    await addNode(page, "Verify identity", "verifyOtp");
    await addNode(page, "Verify identity", "verifyToken");
    await page.getByLabel("Level").fill("2");
    await page.getByRole("checkbox", { name: "token" }).check();
    await page.getByRole("checkbox", { name: "otp" }).uncheck();
    await addNode(page, "Hand off", "handoffAgent");
    await page.getByLabel("Queue").fill("card-verification");
    await addNode(page, "End", "endResolved");
    await addNode(page, "End", "endEscalated");
    await page.getByLabel("Outcome").fill("escalated");

    // Connections, from the inspector.
    await selectNode(page, "start");
    await connect(page, "out", "opening");
    await selectNode(page, "opening");
    await page.getByLabel("on event", { exact: true }).fill("customer.identified");
    await page.getByRole("combobox", { name: "Go to", exact: true }).selectOption("amountCheck");
    await page.getByRole("button", { name: "Add transition" }).click();
    await selectNode(page, "amountCheck");
    await connect(page, "high", "verifyToken");
    await connect(page, "else", "verifyOtp");
    for (const verify of ["verifyOtp", "verifyToken"]) {
      await selectNode(page, verify);
      await connect(page, "verified", "endResolved");
      await connect(page, "failed", "handoffAgent");
    }
    await selectNode(page, "handoffAgent");
    await connect(page, "out", "endEscalated");

    // Fix the error: declare the variable in the flow's settings (nothing selected).
    await page.locator(".react-flow__pane").click({ position: { x: 10, y: 10 } });
    await page.getByRole("button", { name: "+ Add variable" }).click();
    await page.getByLabel("Variable name 1").fill("amount");
    await page.getByLabel("Type 1").selectOption("number");
    await page.getByLabel("Default 1").fill("0");
    await expect.poll(() => errorCount(page)).toBe("0 errors");
    await expect
      .poll(() =>
        page.locator('.react-flow__node[data-id="amountCheck"] [data-decoration]').getAttribute("data-decoration"),
      )
      .toBe("");

    await page.getByRole("button", { name: "Auto-layout" }).click();
    await page.waitForTimeout(600);
    await expect.poll(() => savedState(page), { timeout: 10_000 }).toBe("saved");
    await screenshot(page, "designer-04-built");
  });

  it("keeps the draft across a reload", async () => {
    const { page } = studio;
    await page.reload();
    await expect.poll(() => page.locator(".react-flow__node").count()).toBe(8);
    await expect.poll(() => page.locator(".react-flow__edge").count()).toBe(9);
    await expect.poll(() => errorCount(page)).toBe("0 errors");
  });

  it("simulates the draft to resolved (token, above 50,000) and to escalated (OTP failed)", async () => {
    const { page } = studio;
    await page.getByRole("tab", { name: "Simulate" }).click();
    await page.getByTestId("sim-vars-amount").fill("80000"); // the form of the flow's declared variables
    await page.getByRole("button", { name: "Start simulation" }).click();
    await expect.poll(() => page.getByTestId("sim-status").textContent()).toBe("active · opening");
    await page.getByRole("button", { name: "customer.identified" }).click();
    await expect.poll(() => page.getByTestId("sim-status").textContent()).toBe("active · verifyToken");
    await page.getByRole("button", { name: "verify.passed" }).click();
    await expect.poll(() => page.getByTestId("sim-status").textContent()).toBe("Ended: resolved");
    await expect.poll(() => page.locator(".react-flow__edge.onPath").count()).toBe(4);
    await page.getByRole("button", { name: "Zoom to fit" }).click();
    await page.waitForTimeout(400);
    await screenshot(page, "designer-05-simulated-resolved");

    await page.getByTestId("sim-vars-amount").fill("1200");
    await page.getByRole("button", { name: "Restart" }).click();
    await page.getByRole("button", { name: "customer.identified" }).click();
    await expect.poll(() => page.getByTestId("sim-status").textContent()).toBe("active · verifyOtp");
    await page.getByRole("button", { name: "verify.failed" }).click();
    await expect.poll(() => page.getByTestId("sim-status").textContent()).toBe("Ended: escalated");
    await expect.poll(() => page.getByTestId("sim-steps").textContent()).toContain("handoff");
    await screenshot(page, "designer-06-simulated-escalated");
  });

  it("publishes, and the runtime API starts an interaction of it", async () => {
    const { page, url } = studio;
    await page.getByRole("button", { name: "Publish" }).click();
    await page.getByRole("button", { name: "Publish version" }).click();
    await expect.poll(() => page.getByTestId("toast").textContent()).toBe("Published version 1");
    await page.getByRole("tab", { name: "Versions" }).click();
    await expect.poll(() => page.getByTestId("version-list").textContent()).toMatch(/^v1 · \S/);
    await screenshot(page, "designer-07-published");

    const start = await fetch(`${url}/api/v1/interactions`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ flow: KEY, channel: "chat", customer: { id: "c-designer" }, context: { amount: 80000 } }),
    });
    expect(start.status).toBe(201);
    const interaction = (await start.json()) as {
      id: string;
      version: number;
      step: { node: string; accepts: string[] };
    };
    expect(interaction).toMatchObject({ version: 1, step: { node: "opening", accepts: ["customer.identified"] } });
    const next = await fetch(`${url}/api/v1/interactions/${interaction.id}/events`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ type: "customer.identified" }),
    });
    expect(next.status).toBe(200);
    expect(((await next.json()) as { step: { node: string } }).step.node).toBe("verifyToken");
  });
});
