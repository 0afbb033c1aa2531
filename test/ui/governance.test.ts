// Issue 15 in the browser: the admin invites a new person (who chooses a password) and, into a second
// workspace, a person who already has an account (who signs in): the admin's screen is the same for both;
// a revoked link says it is not valid. Then Settings → Folder access: grants on a folder, grants inherited
// from its parent, who works everywhere; admin-only. English and Chinese.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { screenshot, signIn, startStudio } from "./studioHarness";
import type { Studio } from "./studioHarness";
import { inviteMember } from "./inviteMember";

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio();
});
afterAll(async () => studio?.close());

async function trpc(page: Page, path: string, input: unknown): Promise<unknown> {
  return page.evaluate(
    async ({ path, input }) => {
      const response = await fetch(`/api/trpc/${path}?batch=1`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ "0": input }),
      });
      const body = (await response.json()) as [{ result?: { data: unknown } }];
      if (!response.ok) throw new Error(JSON.stringify(body));
      return body[0].result?.data;
    },
    { path, input },
  );
}

async function newPage(locale: "en" | "zh" = "en"): Promise<Page> {
  const context = await studio.browser.newContext({ viewport: { width: 1440, height: 900 } });
  if (locale === "zh") await context.addCookies([{ name: "journey-locale", value: "zh", url: studio.url }]);
  return context.newPage();
}

const dana = { email: "dana@example.com", password: "" };
const rex = { email: "rex@example.com", password: "" };
const linkIn = (text: string) => /https?:\/\/\S+\/invite\/[A-Za-z0-9_-]{43}/.exec(text)?.[0] ?? "";
let revokedLink = "";

describe("invitations and folder access", () => {
  it("invites a new person: they open the link, choose a password and land in the workspace", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/settings/members`);
    dana.password = await inviteMember(studio, page, { email: dana.email, role: "designer", name: "Dana" });
    await screenshot(page, "governance-1-invited-new");
    rex.password = await inviteMember(studio, page, { email: rex.email, role: "reviewer", name: "Rex" });
    await page.reload();
    await expect.poll(() => page.getByRole("cell", { name: dana.email }).count()).toBe(1);
    await expect.poll(() => page.getByTestId("invitations").textContent()).toContain("No pending invitations.");
  });

  it("the admin's answer is the same for an e-mail with an account; that person signs in to join", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/settings/workspaces`);
    await page.getByLabel("Handle").fill("brand-z");
    await page.getByLabel("Name", { exact: true }).fill("Brand Z");
    await page.getByRole("button", { name: "Create workspace" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Created workspace Brand Z");
    await page.goto(`${url}/flows`);
    await switchWorkspace(page, "Brand Z");
    await page.goto(`${url}/settings/members`);

    const linkText = async (email: string) => {
      await page.getByLabel("E-mail").fill(email);
      await page.locator('form select[name="role"]').selectOption("designer");
      await page.getByRole("button", { name: "Invite", exact: true }).click();
      const box = page.getByTestId("invitation-link").filter({ hasText: email });
      await expect.poll(() => box.count()).toBe(1);
      return (await box.textContent()) ?? "";
    };
    const unknown = await linkText("nobody@example.com");
    const known = await linkText(dana.email);
    const mask = (text: string, email: string) =>
      text
        .replace(email, "EMAIL")
        .replace(/\/invite\/[A-Za-z0-9_-]{43}/, "/invite/TOKEN")
        .replace(/until [^)]*\)/, "until DATE)");
    expect(mask(known, dana.email)).toBe(mask(unknown, "nobody@example.com"));
    const pending = page.getByTestId("invitations");
    await expect.poll(() => pending.getByRole("cell", { name: dana.email, exact: true }).count()).toBe(1);
    await screenshot(page, "governance-2-invited-existing");
    const link = linkIn(known);
    revokedLink = linkIn(unknown);

    // Dana (a member of Default) opens it signed out: she signs in with her account and joins Brand Z.
    const invitee = await newPage();
    await invitee.goto(link);
    await expect.poll(() => invitee.getByText("This e-mail has an account").count()).toBe(1);
    await screenshot(invitee, "governance-3-accept-existing");
    await invitee.getByLabel("Password").fill(dana.password);
    await invitee.getByRole("button", { name: "Sign in and join" }).click();
    await invitee.waitForURL(`${url}/flows`);
    const switcher = invitee.getByTestId("workspace-switcher");
    await expect.poll(() => switcher.locator("option").allTextContents()).toEqual(["Default", "Brand Z"]);
    await expect.poll(async () => (await switcher.locator("option:checked").textContent()) ?? "").toBe("Brand Z");
    // The link is used up.
    await invitee.goto(link);
    await expect.poll(() => invitee.getByText("This invitation link is not valid").count()).toBe(1);
    await invitee.context().close();
  });

  it("a revoked invitation leaves the list and its link is not valid (in Chinese)", async () => {
    const { page } = studio;
    const pending = page.getByTestId("invitations");
    await expect.poll(() => pending.getByRole("cell", { name: "nobody@example.com", exact: true }).count()).toBe(1);
    // Dana accepted hers: it is no longer pending.
    await page.reload();
    await expect.poll(() => pending.getByRole("cell", { name: "nobody@example.com", exact: true }).count()).toBe(1);
    expect(await pending.getByRole("cell", { name: dana.email, exact: true }).count()).toBe(0);
    await page.getByRole("button", { name: "Revoke nobody@example.com" }).click();
    await expect.poll(() => pending.getByRole("cell", { name: "nobody@example.com", exact: true }).count()).toBe(0);
    const stranger = await newPage("zh");
    await stranger.goto(revokedLink);
    await expect.poll(() => stranger.getByText("此邀请链接无效").count()).toBe(1);
    await screenshot(stranger, "governance-4-invalid-zh");
    await stranger.context().close();
  });

  it("folder access: granted here, inherited from the parent folder, everywhere", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/flows`);
    await switchWorkspace(page, "Default");
    // A navigation still under way (the switcher's reload) can abort this goto: then it is tried once more.
    await page.goto(`${url}/settings/members`).catch(() => page.goto(`${url}/settings/members`));
    const billing = (await trpc(page, "folders.create", { name: "Billing", parentId: null })) as { id: string };
    await trpc(page, "folders.create", { name: "Disputes", parentId: billing.id });

    await page.reload();
    await page.getByRole("link", { name: "Folder access" }).click();
    await page.waitForURL(`${url}/settings/folders`);
    const picker = page.getByTestId("folder-picker");
    await expect.poll(() => picker.locator("option").allTextContents()).toEqual(["Billing", "Billing / Disputes"]);
    // Everyone works everywhere until a grant limits them.
    const unlimited = page.getByTestId("access-unlimited");
    await expect.poll(() => unlimited.textContent()).toContain(dana.email);
    await expect.poll(() => unlimited.textContent()).toContain(rex.email);

    const direct = page.getByTestId("access-direct");
    await direct.locator('select[name="userId"]').selectOption({ label: `${dana.email} (designer)` });
    await direct.getByRole("button", { name: "Grant" }).click();
    await expect.poll(() => direct.textContent()).toContain("their only grant");
    await expect.poll(() => direct.getByText("edits flows").count()).toBe(1);

    await picker.selectOption({ label: "Billing / Disputes" });
    const inherited = page.getByTestId("access-inherited");
    await expect.poll(() => inherited.textContent()).toContain(dana.email);
    await expect.poll(() => inherited.getByRole("button", { name: "from Billing" }).count()).toBe(1);
    await direct.locator('select[name="userId"]').selectOption({ label: `${rex.email} (reviewer)` });
    await direct.getByRole("button", { name: "Grant" }).click();
    await expect.poll(() => direct.getByText("reviews and publishes").count()).toBe(1);
    await expect.poll(() => unlimited.textContent()).toContain("Nobody.");
    await screenshot(page, "governance-5-folder-access");

    // Removing Rex's only grant: he works everywhere again.
    await direct.getByRole("button", { name: `Remove ${rex.email}` }).click();
    await expect.poll(() => unlimited.textContent()).toContain(rex.email);
    // The inherited grant leads to the folder it comes from.
    await inherited.getByRole("button", { name: "from Billing" }).click();
    await expect.poll(async () => (await picker.locator("option:checked").textContent()) ?? "").toBe("Billing");
  });

  it("in Chinese, folder access and members; a designer is not offered folder access", async () => {
    const zh = await newPage("zh");
    await signIn(zh, studio.url, { email: "admin@journey.local", password: "ui-test-admin-password-1" });
    await zh.goto(`${studio.url}/settings/folders`);
    await expect.poll(() => zh.getByRole("heading", { name: "文件夹权限" }).count()).toBe(1);
    await expect.poll(() => zh.getByTestId("access-direct").textContent()).toContain("编辑流程");
    await expect.poll(() => zh.getByTestId("access-direct").textContent()).toContain("这是其唯一的授权");
    await screenshot(zh, "governance-6-folder-access-zh");
    await zh.goto(`${studio.url}/settings/members`);
    await zh.getByLabel("电子邮箱").fill("zhang@example.com");
    await zh.getByRole("button", { name: "邀请", exact: true }).click();
    await expect.poll(() => zh.getByTestId("invitation-link").textContent()).toContain("zhang@example.com 的邀请链接");
    await expect.poll(() => zh.getByTestId("invitations").textContent()).toContain("查看者");
    await screenshot(zh, "governance-7-members-zh");
    const link = (await zh.getByTestId("invitation-link").locator("code").textContent()) ?? "";
    await zh.context().close();

    const invitee = await newPage("zh");
    await invitee.goto(link);
    await expect.poll(() => invitee.getByRole("button", { name: "创建账号并加入" }).count()).toBe(1);
    await screenshot(invitee, "governance-8-accept-new-zh");
    await invitee.context().close();

    const designer = await newPage();
    await signIn(designer, studio.url, dana);
    await designer.goto(`${studio.url}/settings/folders`);
    await expect.poll(() => designer.getByTestId("not-allowed").count()).toBe(1);
    expect(await designer.getByRole("link", { name: "Folder access" }).count()).toBe(0);
    await designer.context().close();
  });
});

/** Picks a workspace in the header and waits for the page the switcher opens (/flows, even from /flows). */
async function switchWorkspace(page: Page, name: string): Promise<void> {
  await Promise.all([
    page.waitForEvent("framenavigated", (frame) => frame === page.mainFrame()),
    page.getByTestId("workspace-switcher").selectOption({ label: name }),
  ]);
  await page.waitForLoadState("load");
}
