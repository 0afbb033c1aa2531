// Issue 6 in the browser: a content editor cannot publish; a reviewer approves a script and publishes a
// flow; the audit log shows both. Each person signs in in a browser context of their own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { screenshot, signIn, startStudio } from "./studioHarness";
import type { Studio } from "./studioHarness";
import { inviteMember } from "./inviteMember";
import { selectNode } from "./designerHelpers";

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio();
});
afterAll(async () => studio?.close());

async function pageFor(email: string, password: string): Promise<Page> {
  const context = await studio.browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signIn(page, studio.url, { email, password });
  return page;
}

describe("roles and review", () => {
  const people = {
    editor: { email: "cara@example.com", password: "" },
    reviewer: { email: "rui@example.com", password: "" },
  };

  it("the admin adds a content editor and a reviewer", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/settings/members`);
    people.editor.password = await inviteMember(studio, page, {
      email: people.editor.email,
      name: "Cara Editor",
      role: "content-editor",
    });
    people.reviewer.password = await inviteMember(studio, page, {
      email: people.reviewer.email,
      name: "Rui Reviewer",
      role: "reviewer",
    });
    // Accepted in their own browsers: members now, no longer pending.
    await page.reload();
    await expect.poll(() => page.getByRole("cell", { name: people.reviewer.email, exact: true }).count()).toBe(1);
    await screenshot(page, "roles-1-members");
  });

  it("the admin changes the transfer flow's draft", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/flows/card-transfer-stepup`);
    await selectNode(page, "opening");
    await page.getByLabel("Label").fill("Opening 开场 (v2)");
    await expect.poll(() => page.getByTestId("save-state").textContent()).toBe("All changes saved");
  });

  it("a content editor cannot publish, but edits and submits a script", async () => {
    const page = await pageFor(people.editor.email, people.editor.password);
    await page.goto(`${studio.url}/flows/card-transfer-stepup`);
    // The canvas is read-only for this role and offers no Publish; the server refuses it anyway.
    await expect
      .poll(() => page.getByTestId("read-only").textContent())
      .toBe("Read-only: a content-editor cannot edit flows");
    expect(await page.getByRole("button", { name: "Publish" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Add Stage", exact: true }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Undo" }).isVisible()).toBe(false);
    // Reading is allowed: the document can be exported, not replaced by an import.
    expect(await page.getByRole("button", { name: "Import document" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Export document" }).isVisible()).toBe(true);
    const refused = await page.evaluate(async () => {
      const response = await fetch("/api/trpc/flows.publish?batch=1", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ "0": { key: "card-transfer-stepup" } }),
      });
      return { status: response.status, body: await response.text() };
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toContain("may not flows.publish");
    await screenshot(page, "roles-2-editor-cannot-publish");

    await page.goto(`${studio.url}/scripts/greeting`);
    const editor = page.getByTestId("variant-editor");
    await editor.click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type(" 祝您愉快。");
    await expect.poll(() => page.getByTestId("dirty-state").textContent()).toBe("Saved automatically (draft v2)");
    await page.getByRole("button", { name: "Submit for review" }).click();
    await expect
      .poll(() => page.getByTestId("version-2").locator("[data-status]").getAttribute("data-status"))
      .toBe("in_review");
    expect(await page.getByRole("button", { name: "Approve" }).count()).toBe(0);
    await screenshot(page, "roles-3-editor-submitted");
    await page.context().close();
  });

  it("a reviewer approves the script and publishes the flow", async () => {
    const page = await pageFor(people.reviewer.email, people.reviewer.password);
    await page.goto(`${studio.url}/scripts/greeting`);
    await page.getByRole("button", { name: "Approve" }).click();
    await page.getByRole("button", { name: "Approve v2" }).click();
    await expect
      .poll(() => page.getByTestId("version-2").locator("[data-status]").getAttribute("data-status"))
      .toBe("approved");
    await screenshot(page, "roles-4-reviewer-approved");

    await page.goto(`${studio.url}/flows/card-transfer-stepup`);
    await page.getByRole("button", { name: "Publish" }).click();
    await page.getByRole("button", { name: "Publish version" }).click();
    await expect.poll(() => page.getByTestId("toast").textContent()).toBe("Published version 2");
    await screenshot(page, "roles-5-reviewer-published");
    await page.context().close();
  });

  it("the audit log shows the approval and the publication, with who did them", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/settings/audit`);
    const table = page.getByTestId("audit-table");
    await expect.poll(() => table.textContent()).toContain("flow.published");
    const text = (await table.textContent()) ?? "";
    expect(text).toContain("script.approved");
    expect(text).toContain("Rui Reviewer");
    expect(text).toContain("card-transfer-stepup v2");
    await screenshot(page, "roles-6-audit");
  });
});
