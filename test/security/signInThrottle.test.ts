// Brute force: sign-in is throttled per client address and per account, in the database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIGN_IN_RATE_LIMIT } from "../../server/auth/auth";
import { EMAIL_ATTEMPTS } from "../../server/auth/signInThrottle";
import { addMember, browser, openAuthHarness, type AuthHarness } from "./authHarness";

let h: AuthHarness;
beforeAll(async () => {
  h = await openAuthHarness();
  await addMember(h, "victim@example.com", "admin");
});
afterAll(() => h?.close());

describe("sign-in throttling", () => {
  it("answers 429 with Retry-After once one address has tried too often, even with the right password", async () => {
    const attacker = browser(h.auth, "203.0.113.9");
    const statuses: number[] = [];
    for (let i = 0; i < SIGN_IN_RATE_LIMIT.max; i++)
      statuses.push((await attacker.signIn(`guess${i}@example.com`, `wrong password ${i}`)).status);
    expect(statuses.every((s) => s === 401)).toBe(true);
    const blocked = await attacker.signIn("victim@example.com");
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("x-retry-after"))).toBeGreaterThan(0);
    // Counted in the database, so every server process sees the same count.
    expect(
      await h.database.query("select key, count from rate_limits where key like '%203.0.113.9%'"),
    ).not.toHaveLength(0);
    // Another address is not blocked.
    expect((await browser(h.auth, "203.0.113.10").signIn("victim@example.com")).status).toBe(200);
  });

  it("limits attempts on one account from many addresses", async () => {
    for (let i = 0; i < EMAIL_ATTEMPTS.max - 1; i++) {
      expect(
        (await browser(h.auth, `192.0.2.${i + 1}`).signIn("victim@example.com", `wrong password ${i}`)).status,
      ).toBe(401);
    }
    const res = await browser(h.auth, "192.0.2.200").signIn("victim@example.com", "wrong again, from elsewhere");
    expect(res.status).toBe(429);
    expect(await res.json()).toMatchObject({ code: "TOO_MANY_ATTEMPTS" });
  });

  it("a spoofed X-Forwarded-For does not pick a fresh bucket", async () => {
    const first = browser(h.auth, "203.0.113.9");
    const res = await first.call("/sign-in/email", {
      body: { email: "other@example.com", password: "x".repeat(12) },
      headers: { "x-forwarded-for": "10.9.8.7" },
    });
    expect(res.status).toBe(429);
  });
});
