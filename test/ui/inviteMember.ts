// Adds a member through the studio as an admin does: Settings → Members → Invite, then the invitee opens
// the link in a browser of their own and chooses a password. Returns that password.
import { expect } from "vitest";
import type { Page } from "playwright-core";
import type { Studio } from "./studioHarness";

/** `page`: the admin's, on /settings/members. */
export async function inviteMember(
  studio: Studio,
  page: Page,
  person: { email: string; role: string; name?: string },
): Promise<string> {
  await page.getByLabel("E-mail").fill(person.email);
  await page.locator('form select[name="role"]').selectOption(person.role);
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  const box = page.getByTestId("invitation-link").filter({ hasText: person.email });
  await expect.poll(() => box.count()).toBe(1);
  const link = (await box.locator("code").textContent()) ?? "";
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);

  const password = `pw-${person.email}-0123456789`;
  const context = await studio.browser.newContext({ viewport: { width: 1440, height: 900 } });
  const invitee = await context.newPage();
  await invitee.goto(link);
  await invitee.getByLabel("Your name").fill(person.name ?? person.email.split("@")[0] ?? "");
  await invitee.getByLabel("New password").fill(password);
  await invitee.getByLabel("Repeat the password").fill(password);
  await invitee.getByRole("button", { name: "Create account and join" }).click();
  await invitee.waitForURL(`${studio.url}/flows`);
  await context.close();
  return password;
}
