// Sign-in, session fixation, sign-out and sign-out everywhere, on real PGlite through better-auth's handler.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveMemberSession } from "../../server/auth/memberSession";
import { ensureFirstAdmin } from "../../server/auth/ensureFirstAdmin";
import { addMember, browser, openAuthHarness, PASSWORD, type AuthHarness } from "./authHarness";

let h: AuthHarness;
beforeAll(async () => {
  h = await openAuthHarness();
  await addMember(h, "dana@example.com", "designer");
});
afterAll(() => h?.close());

const SESSION_COOKIE = "journey.session_token";

describe("studio sessions", () => {
  it("stores argon2id hashes, never the password", async () => {
    const rows = await h.database.query<{ password: string }>(
      "select a.password from accounts a join users u on u.id = a.user_id where u.email = 'dana@example.com'",
    );
    expect(rows[0]?.password).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(rows[0]?.password).not.toContain(PASSWORD);
  });

  it("answers a wrong password and an unknown user alike, and sets no cookie", async () => {
    const b = browser(h.auth, "198.51.100.1");
    const wrong = await b.signIn("dana@example.com", "not the password at all");
    const unknown = await b.signIn("nobody@example.com", "not the password at all");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect(b.jar.size).toBe(0);
  });

  it("issues a new session token at sign-in (a planted token is not adopted), httpOnly and SameSite=Lax", async () => {
    const b = browser(h.auth, "198.51.100.2");
    b.jar.set(SESSION_COOKIE, "attacker-chosen-token.signature");
    const res = await b.signIn("dana@example.com");
    expect(res.status).toBe(200);
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`)) ?? "";
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const token = b.jar.get(SESSION_COOKIE);
    expect(token).toBeDefined();
    expect(token).not.toBe("attacker-chosen-token.signature");
    const again = browser(h.auth, "198.51.100.2");
    await again.signIn("dana@example.com");
    expect(again.jar.get(SESSION_COOKIE)).not.toBe(token);
    const member = await resolveMemberSession(h.database, b.headers(), h.auth);
    expect(member).toMatchObject({ workspaceId: h.workspaceId, user: { email: "dana@example.com", role: "designer" } });
  });

  it("makes the old token useless after sign-out", async () => {
    const b = browser(h.auth, "198.51.100.3");
    await b.signIn("dana@example.com");
    const stolen = b.headers();
    expect(await resolveMemberSession(h.database, stolen, h.auth)).toBeDefined();
    const out = await b.call("/sign-out", { body: {} });
    expect(out.status).toBe(200);
    expect(await resolveMemberSession(h.database, stolen, h.auth)).toBeUndefined();
    expect(await h.auth.api.getSession({ headers: stolen })).toBeNull();
  });

  it("signs out everywhere: every session of the user ends", async () => {
    const laptop = browser(h.auth, "198.51.100.4");
    const phone = browser(h.auth, "198.51.100.5");
    await laptop.signIn("dana@example.com");
    await phone.signIn("dana@example.com");
    const phoneHeaders = phone.headers();
    expect(await resolveMemberSession(h.database, phoneHeaders, h.auth)).toBeDefined();
    const res = await laptop.call("/revoke-sessions", { body: {} });
    expect(res.status).toBe(200);
    expect(await resolveMemberSession(h.database, phoneHeaders, h.auth)).toBeUndefined();
    expect(await resolveMemberSession(h.database, laptop.headers(), h.auth)).toBeUndefined();
  });

  it("a forged cookie (bad signature) is no session", async () => {
    const b = browser(h.auth);
    await b.signIn("dana@example.com");
    const token = b.jar.get(SESSION_COOKIE) ?? "";
    const forged = `${token.split(".")[0]}.${"A".repeat(43)}%3D`;
    expect(
      await resolveMemberSession(
        h.database,
        new Headers({ host: "127.0.0.1:3999", cookie: `${SESSION_COOKIE}=${forged}` }),
        h.auth,
      ),
    ).toBeUndefined();
  });

  it("sign-up is closed", async () => {
    const res = await browser(h.auth).call("/sign-up/email", {
      body: { email: "mallory@example.com", password: PASSWORD, name: "M" },
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await h.database.query("select 1 from users where email = 'mallory@example.com'")).toHaveLength(0);
  });

  it("creates the first admin once, with a password that signs in", async () => {
    const fresh = await openAuthHarness();
    try {
      const lines: string[] = [];
      const first = await ensureFirstAdmin(fresh.database, { auth: fresh.auth, log: (l) => lines.push(l) });
      expect(first.created).toBe(true);
      if (!first.created) return;
      expect(lines.join("\n")).toContain(first.password);
      expect(await ensureFirstAdmin(fresh.database, { auth: fresh.auth, log: (l) => lines.push(l) })).toEqual({
        created: false,
      });
      const b = browser(fresh.auth);
      expect((await b.signIn(first.email, first.password)).status).toBe(200);
      expect(await resolveMemberSession(fresh.database, b.headers(), fresh.auth)).toMatchObject({
        workspaceId: fresh.workspaceId,
        user: { role: "admin" },
      });
    } finally {
      await fresh.close();
    }
  });
});
