// Issue 14's leftovers in Chromium, in English and Chinese: an example brings the flows it calls (and says
// so), findings of a document that is no flow in Chinese, the script editor's pause sign drawn (no
// missing-glyph box), and expired invitations listed as expired with their own actions.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { screenshot, startStudio } from "./studioHarness";
import { emptyWorkspace } from "./emptyWorkspace";
import type { Studio } from "./studioHarness";

/** Invitation links last this long here, so that one expires while the test looks. */
const TTL_MS = 20_000;

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio({ env: { JOURNEY_INVITATION_TTL_MS: String(TTL_MS) } });
});
afterAll(async () => studio?.close());
// Each test starts in English (the language is a cookie: a test that stopped half-way may have left zh).
beforeEach(async () => {
  await studio.page.context().addCookies([{ name: "journey-locale", value: "en", url: studio.url }]);
});

/** The studio's language, as the header's switcher sets it (its cookie), then the page again. */
async function language(page: Page, locale: "en" | "zh"): Promise<void> {
  await page.context().addCookies([{ name: "journey-locale", value: locale, url: studio.url }]);
  await page.reload();
}

describe("issue 14's leftovers", () => {
  it("words an imported document's findings in Chinese (no English left from the validator)", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/flows`);
    await language(page, "zh");
    const importAs = (name: string, document: unknown) =>
      page.getByTestId("library-import").setInputFiles({
        name,
        mimeType: "application/json",
        buffer: Buffer.from(JSON.stringify(document)),
      });
    await importAs("future.json", { schema: "journey-studio/flow@9", key: "later", nodes: [] });
    await expect
      .poll(() => page.getByRole("alert").first().textContent())
      .toContain("文档的 schema 是“journey-studio/flow@9”，本版本无法读取（应为“journey-studio/flow@1”）。");
    await screenshot(page, "import-findings-zh");
    await importAs("shape.json", {
      schema: "journey-studio/flow@1",
      key: "shape",
      name: "",
      kind: "faq",
      nodes: [],
      edges: [],
    });
    await expect.poll(() => page.getByRole("alert").first().textContent()).toContain("字段“name”不能为空。");
    const text = (await page.getByRole("alert").first().textContent()) ?? "";
    expect(text).toContain('字段“kind”的取值不对：只能是 "sop", "mot" 之一。');
    expect(text).not.toMatch(/must|missing|is empty/);
    await language(page, "en");
  });

  it("draws the script editor's pause sign (no font has U+23F8), on the button and on the chip", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/scripts/greeting`);
    await page.getByRole("tab", { name: /^Voice · zh-CN/ }).click();
    const pause = page.getByRole("button", { name: "Pause", exact: true });
    await expect.poll(() => pause.count()).toBe(1);
    expect(await pause.textContent()).not.toContain("⏸");
    const icon = pause.locator('svg[data-icon="pause"]');
    expect(await icon.count()).toBe(1);
    const box = await icon.boundingBox();
    expect(box && box.width >= 10 && box.height >= 10).toBe(true);
    await pause.click();
    const chip = page.getByTestId("variant-editor").locator('.pause-chip svg[data-icon="pause"]');
    await expect.poll(() => chip.count()).toBeGreaterThan(0);
    expect(await page.getByTestId("variant-editor").locator(".pause-chip").first().textContent()).toBe(" 300 ms");
    await screenshot(page, "pause-sign-en");
    await language(page, "zh");
    await expect.poll(() => page.getByRole("button", { name: "停顿", exact: true }).count()).toBe(1);
    await screenshot(page, "pause-sign-zh");
    await language(page, "en");
  });

  it("lists an expired invitation as expired, with Invite again and Remove, beside a pending one", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/settings/members`);
    const invite = async (email: string) => {
      await page.getByLabel("E-mail").fill(email);
      await page.locator('form select[name="role"]').selectOption("viewer");
      await page.getByRole("button", { name: "Invite", exact: true }).click();
      await expect.poll(() => page.getByTestId("invitation-link").filter({ hasText: email }).count()).toBe(1);
    };
    await invite("late@example.com");
    await invite("again@example.com");
    const expired = page.getByTestId("invitation-expired");
    const pending = page.getByTestId("invitation-pending");
    await expect.poll(() => pending.filter({ hasText: "late@example.com" }).count()).toBe(1);
    // Past the link's lifetime, the list says it has expired (after a reload: nothing is pushed).
    await expect
      .poll(
        async () => {
          await page.reload();
          // The section is drawn at once, its rows when the list arrives: wait for late@'s row, either kind.
          await page.getByTestId("invitations").getByText("late@example.com").first().waitFor();
          return expired.filter({ hasText: "late@example.com" }).count();
        },
        { timeout: TTL_MS + 30_000, interval: 2_000 },
      )
      .toBe(1);
    await invite("fresh@example.com");
    const late = expired.filter({ hasText: "late@example.com" });
    expect(await late.textContent()).toMatch(/Expired.*Expired .+: the link no longer works/);
    expect(await late.getByRole("button", { name: "Revoke late@example.com" }).count()).toBe(0);
    expect(await late.getByRole("button", { name: "Invite late@example.com again" }).count()).toBe(1);
    const fresh = pending.filter({ hasText: "fresh@example.com" });
    expect(await fresh.textContent()).toContain("Pending");
    expect(await fresh.getByRole("button", { name: "Revoke fresh@example.com" }).count()).toBe(1);
    // The pending ones first, then the expired.
    expect(
      await page
        .getByTestId("invitations")
        .locator("tbody tr")
        .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-testid"))),
    ).toEqual(["invitation-pending", "invitation-expired", "invitation-expired"]);
    await page.getByTestId("invitations").scrollIntoViewIfNeeded();
    await screenshot(page, "invitations-expired-en");

    await language(page, "zh");
    await expect.poll(() => late.textContent()).toMatch(/已过期.*已于 .+ 过期，链接已失效/);
    expect(await fresh.textContent()).toContain("待接受");
    await page.getByTestId("invitations").scrollIntoViewIfNeeded();
    await screenshot(page, "invitations-expired-zh");
    await late.getByRole("button", { name: "移除 late@example.com 已过期的邀请" }).click();
    await expect.poll(() => expired.filter({ hasText: "late@example.com" }).count()).toBe(0);
    await language(page, "en");
    // Sent again, an expired invitation comes back as pending, with a new link.
    await expired
      .filter({ hasText: "again@example.com" })
      .getByRole("button", { name: "Invite again@example.com again" })
      .click();
    await expect
      .poll(() => page.getByTestId("invitation-link").filter({ hasText: "again@example.com" }).count())
      .toBe(1);
    await expect.poll(() => pending.filter({ hasText: "again@example.com" }).count()).toBe(1);
    expect(await expired.count()).toBe(0);
  });
  it("an example that calls a subflow brings it, published, in an empty workspace, and says so; never twice", async () => {
    const { page, url } = studio;
    await emptyWorkspace(page, studio.url, "brings", "Brings");
    // The gallery's card says what comes with the example.
    await expect
      .poll(() => page.getByTestId("example-brings-fault-diagnosis").textContent())
      .toBe("Also adds the flow it calls, published, with its scripts: Warranty check (warranty-check).");
    await page.getByRole("button", { name: "+ New flow" }).click();
    const dialog = page.getByRole("dialog", { name: "New flow" });
    await dialog.getByLabel("Name").fill("My fault diagnosis");
    await dialog.getByLabel("Key").fill("my-fault");
    await dialog.getByLabel("Start from").selectOption("fault-diagnosis");
    await expect
      .poll(() => dialog.getByTestId("example-brings-fault-diagnosis").textContent())
      .toBe("Also adds the flow it calls, published, with its scripts: Warranty check (warranty-check).");
    await screenshot(page, "example-brings-dialog-en");
    await dialog.getByRole("button", { name: "Create" }).click();
    await page.waitForURL("**/flows/my-fault");
    // It validates against the published subflow, and publishes.
    await expect.poll(() => page.getByTestId("error-count").textContent()).toBe("0 errors");
    await page.getByRole("button", { name: "Publish" }).click();
    const publish = page.getByRole("dialog", { name: "Publish this draft?" });
    await publish.getByRole("button", { name: "Publish version" }).click();
    await expect.poll(() => page.getByTestId("toast").textContent()).toBe("Published version 1");

    // Once there, the called flow is kept: the dialog says so (in Chinese too) and no copy is made.
    await page.goto(`${url}/flows`);
    await expect.poll(() => page.locator('[data-testid="flow-row-warranty-check"]').count()).toBe(1);
    await page.getByRole("button", { name: "+ New flow" }).click();
    await dialog.getByLabel("Start from").selectOption("fault-diagnosis");
    await expect
      .poll(() => dialog.getByTestId("example-brings-fault-diagnosis").textContent())
      .toBe(
        "Calls Warranty check (warranty-check), which this workspace has already: kept as it is, not copied again.",
      );
    await screenshot(page, "example-keeps-dialog-en");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await language(page, "zh");
    await page.getByRole("button", { name: "+ 新建流程" }).click();
    const zhDialog = page.getByRole("dialog", { name: "新建流程" });
    await zhDialog.getByLabel("起点").selectOption("fault-diagnosis");
    await expect
      .poll(() => zhDialog.getByTestId("example-brings-fault-diagnosis").textContent())
      .toMatch(/^它调用的.+（warranty-check）本工作区已有：保持原样，不再复制。$/);
    // The examples are named in Chinese in the list too.
    expect(await zhDialog.getByLabel("起点").locator("option:checked").textContent()).toMatch(/\p{Script=Han}/u);
    await screenshot(page, "example-keeps-dialog-zh");
    await zhDialog.getByRole("button", { name: "取消" }).click();
    await language(page, "en");
    await page.goto(`${url}/flows`);
    await expect.poll(() => page.locator('[data-testid^="flow-row-"]').count()).toBe(2);
  });

  it("in Chinese, an empty workspace's gallery says what an example brings", async () => {
    const { page } = studio;
    await emptyWorkspace(page, studio.url, "brings-zh", "Brings zh");
    await language(page, "zh");
    await expect
      .poll(() => page.getByTestId("example-brings-fault-diagnosis").textContent())
      .toMatch(/^同时添加它调用的流程（已发布，含话术）：.+（warranty-check）。$/);
    await page.getByTestId("example-brings-fault-diagnosis").scrollIntoViewIfNeeded();
    await screenshot(page, "example-brings-gallery-zh");
    await language(page, "en");
  });
});
