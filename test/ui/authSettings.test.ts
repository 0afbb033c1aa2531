import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot, startStudio } from "./studioHarness";
import type { Studio } from "./studioHarness";

const ADMIN = { email: "admin@journey.local", password: "ui-test-admin-password-1" };

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio({ env: { JOURNEY_FIRST_ADMIN_PASSWORD: ADMIN.password }, signedIn: false });
});
afterAll(async () => studio?.close());

describe("sign-in and settings", () => {
  it("sends security headers: a nonce CSP without unsafe-inline scripts, frame-ancestors none, nosniff", async () => {
    const res = await fetch(`${studio.url}/sign-in`);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    const html = await res.text();
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(html).toContain(`nonce="${nonce}"`);
  });

  it("settings need a session; x-middleware-subrequest does not skip that", async () => {
    const variants: Record<string, string>[] = [
      {},
      { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" },
      { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" },
    ];
    for (const headers of variants) {
      const res = await fetch(`${studio.url}/settings/api-keys`, { headers, redirect: "manual" });
      expect(res.status).toBe(307);
      expect(res.headers.get("location")).toContain("/sign-in");
      const trpc = await fetch(`${studio.url}/api/trpc/admin.apiKeys.list`, { headers });
      expect(trpc.status).toBe(401);
    }
  });

  it("signs in (helpful error first), creates an API key shown once, refuses a private webhook, shows the audit log", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/settings/api-keys`);
    await page.waitForURL(/\/sign-in/);
    await page.getByLabel("E-mail").fill(ADMIN.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByRole("main").getByRole("alert").textContent()).toContain("do not match");
    await screenshot(page, "auth-sign-in-error");
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/settings\/api-keys/);
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name.endsWith("session_token"));
    expect(session?.httpOnly).toBe(true);

    await page.getByLabel("Name").fill("CRM integration");
    await page.getByRole("button", { name: "Create" }).click();
    await expect.poll(() => page.getByTestId("new-api-key").textContent()).toMatch(/^js_test_[0-9A-Za-z]{32}$/);
    await expect.poll(() => page.getByRole("cell", { name: "CRM integration", exact: true }).count()).toBe(1);
    await screenshot(page, "auth-api-keys");

    await page.goto(`${url}/settings/webhooks`);
    await page.getByLabel("URL").fill("http://169.254.169.254/latest/meta-data/");
    await page.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.getByRole("main").getByRole("alert").textContent()).toContain("private");
    await screenshot(page, "auth-webhook-refused");

    await page.goto(`${url}/settings/audit`);
    await expect.poll(() => page.getByTestId("audit-table").textContent()).toContain("apiKey.created");
    await screenshot(page, "auth-audit");
  });

  it("signs out: the old cookie no longer works", async () => {
    const { page, url } = studio;
    const before = await page.context().cookies();
    await page.goto(`${url}/settings/api-keys`);
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await page.waitForURL(/\/sign-in/);
    const cookie = before.map((c) => `${c.name}=${c.value}`).join("; ");
    const res = await fetch(`${url}/settings/api-keys`, { headers: { cookie }, redirect: "manual" });
    expect(res.status).toBe(307);
  });

  it("the sign-in page in Chinese", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/sign-in`);
    await page.getByRole("combobox", { name: "Language" }).selectOption("zh");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("登录客户旅程工作室");
    await screenshot(page, "auth-sign-in-zh");
  });
});
