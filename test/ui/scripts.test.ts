import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot, startStudio } from "./studioHarness";
import type { Studio } from "./studioHarness";

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio();
});
afterAll(async () => studio?.close());

describe("script editor", () => {
  it("creates a script with SMS and email variants, previews them, submits for review and approves", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/scripts`);
    // The examples are imported at start-up, approved.
    await expect.poll(() => page.getByRole("link", { name: "Birthday greeting" }).count()).toBe(1);
    await page.getByRole("button", { name: "+ New script" }).click();
    await page.getByLabel("Key").fill("vip-welcome");
    await page.getByLabel("Name", { exact: true }).fill("VIP welcome");
    await page.getByRole("button", { name: "Create" }).click();
    await page.waitForURL(`${url}/scripts/vip-welcome`);

    // SMS: text with a variable chip typed through the `{{` suggestion.
    const editor = page.getByTestId("variant-editor");
    const menu = page.getByRole("listbox", { name: "Variables" });
    await editor.click();
    await page.keyboard.type("Hello {{cust");
    await expect.poll(() => menu.getByRole("option", { name: /customer\.name/ }).count()).toBe(1);
    await menu.getByRole("option", { name: /customer\.name/ }).click();
    await page.keyboard.type(", your VIP gift is ready. Reply STOP to opt out");
    await expect.poll(() => editor.locator('[data-type="variable"]').textContent()).toBe("customer.name");
    const body = page.getByTestId("preview-body");
    const segments = page.getByTestId("preview-segments");
    await expect.poll(() => body.textContent()).toBe("Hello 王芳, your VIP gift is ready. Reply STOP to opt out");
    expect(await segments.textContent()).toMatch(/^1 SMS segment\(s\) · UCS-2/);
    // The preview follows the sample customer: a Latin name fits GSM-7.
    await page.getByLabel("Sample customer").selectOption("vip");
    await expect.poll(() => body.textContent()).toBe("Hello Li Wei, your VIP gift is ready. Reply STOP to opt out");
    expect(await segments.textContent()).toMatch(/^1 SMS segment\(s\) · GSM-7/);
    await editor.click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type(" ".padEnd(120, "x"));
    await expect.poll(() => segments.textContent()).toMatch(/^2 SMS segment\(s\) · GSM-7/);
    for (let i = 0; i < 120; i++) await page.keyboard.press("Backspace");
    await expect.poll(() => segments.textContent()).toMatch(/^1 SMS segment/);
    await expect.poll(() => page.getByTestId("lint-clean").count()).toBe(1);
    await screenshot(page, "scripts-sms");

    // Email: subject, and a chip through `@`.
    await page.getByRole("button", { name: "+ Add variant" }).click();
    await page.getByRole("button", { name: "Add variant", exact: true }).click();
    await expect.poll(() => page.getByRole("tab", { name: /Email · en/ }).getAttribute("aria-selected")).toBe("true");
    await page.getByLabel("Subject").fill("Welcome, {{ customer.name | default: 'valued customer' }}");
    await editor.click();
    await page.keyboard.type("Dear @custo");
    await expect.poll(() => menu.getByRole("option").count()).toBeGreaterThan(0);
    await page.keyboard.press("Enter");
    await page.keyboard.type(" ");
    await page.keyboard.press("Control+b");
    await page.keyboard.type("thank you");
    await page.keyboard.press("Control+b");
    await page.keyboard.type(" for staying with us.");
    await expect.poll(() => page.getByTestId("preview-subject").textContent()).toBe("Welcome, Li Wei");
    const email = page.frameLocator('[data-testid="preview-email"]');
    await expect
      .poll(() => email.locator("body").textContent())
      .toContain("Dear Li Wei thank you for staying with us.");
    expect(await email.locator("strong").textContent()).toBe("thank you");
    await page.getByLabel("Sample customer").selectOption("no-name");
    await expect.poll(() => page.getByTestId("preview-subject").textContent()).toBe("Welcome, valued customer");
    await screenshot(page, "scripts-email");

    // A paragraph only for customers whose name is known: the no-name sample does not get it.
    await editor.click();
    await page.keyboard.press("Control+End");
    await page.keyboard.press("Enter");
    await page.keyboard.type("We look forward to seeing you in person.");
    await page.getByLabel("Only if… (paragraph)").selectOption("customer.name");
    await expect
      .poll(() => editor.locator('[data-type="conditional"]').getAttribute("data-when"))
      .toBe("customer.name");
    await expect.poll(() => email.locator("body").textContent()).toContain("for staying with us.");
    expect(await email.locator("body").textContent()).not.toContain("We look forward");
    await page.getByLabel("Sample customer").selectOption("vip");
    await expect.poll(() => email.locator("body").textContent()).toContain("We look forward to seeing you in person.");
    await screenshot(page, "scripts-condition");

    // The draft saves itself; submit for review, approve.
    await expect.poll(() => page.getByTestId("dirty-state").textContent()).toBe("Saved automatically (draft v1)");
    await page.getByRole("button", { name: "Submit for review" }).click();
    await expect
      .poll(() => page.getByTestId("version-1").locator("[data-status]").getAttribute("data-status"))
      .toBe("in_review");
    await page.getByRole("button", { name: "Approve" }).click();
    await page.getByRole("button", { name: "Approve v1" }).click();
    await expect
      .poll(() => page.getByTestId("version-1").locator("[data-status]").getAttribute("data-status"))
      .toBe("approved");
    expect(await page.getByTestId("approved-by-1").textContent()).toMatch(/^Approved by Admin, /);
    await screenshot(page, "scripts-approved");

    // Editing an approved script starts a new draft; the diff shows what changed.
    await page.getByRole("tab", { name: /SMS/ }).click();
    await editor.click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type(" now");
    await expect
      .poll(() => page.getByTestId("version-2").locator("[data-status]").getAttribute("data-status"))
      .toBe("draft");
    await page.getByTestId("version-2").getByRole("button", { name: "Compare" }).click();
    await expect
      .poll(() => page.getByTestId("version-diff").textContent())
      .toContain("+ Hello {{ customer.name }}, your VIP gift is ready. Reply STOP to opt out now");

    // Listed with its status; then the same page in Chinese.
    await page.goto(`${url}/scripts`);
    await page.getByLabel("Search").fill("vip-wel");
    await expect.poll(() => page.locator("tbody tr").count()).toBe(1);
    expect(await page.locator("tbody tr").textContent()).toContain("v1");
    await page.getByRole("combobox", { name: "Language" }).selectOption("zh");
    await page.goto(`${url}/scripts/vip-welcome`);
    await expect.poll(() => page.getByRole("button", { name: "提交审核" }).count()).toBe(1);
    await screenshot(page, "scripts-zh");
  });
});
