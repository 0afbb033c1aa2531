// The authorisation matrix, generated from the router: every tRPC procedure × every role × own/other
// workspace. Each procedure that declares `.meta({ action })` is called as each role twice: with an
// invalid input (authorisation decides before anything is parsed: a role the policy refuses gets
// FORBIDDEN) and with a VALID input made of real rows (test/security/procedureInputs.ts): a role the
// policy allows must then get an answer, so a service that refuses what its router declares (or the
// reverse) fails here. Nobody signed out gets in.
//
// A procedure that declares no action, or has no valid input in procedureInputs.ts, fails this test. The
// few public procedures (`.meta({ public: true })`: an invitation link's holder) are listed here by name,
// so making one public is a visible change.
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionOf, isPublic } from "../../server/api/authorize";
import { appRouter, createCaller } from "../../server/api/root";
import type { TrpcContext } from "../../server/api/trpc";
import { can, folderScopedActions } from "../../server/auth/policy";
import { createFolder, setFolderGrants } from "../../server/services/flows/flowFolders";
import { instanceAdmins, studioRoles, type StudioRole } from "../../server/db/schema";
import { createWorkspaceApiKey } from "../../server/auth/manageApiKeys";
import { addMember, browser, openAuthHarness, type AuthHarness } from "./authHarness";
import { validInputs, validInputsInFolder, type FixtureContext } from "./procedureInputs";

type Procedure = { path: string; action: ReturnType<typeof actionOf>; public: boolean; type: string };
const procedures: Procedure[] = Object.entries(appRouter._def.procedures).map(([path, procedure]) => {
  const def: unknown = Reflect.get(Object(procedure), "_def");
  const meta: unknown = Reflect.get(Object(def), "meta");
  return { path, action: actionOf(meta), public: isPublic(meta), type: String(Reflect.get(Object(def), "type")) };
});
const declared = procedures.filter((p) => p.action);
const publicOnes = procedures.filter((p) => p.public && !p.action);
const undeclared = procedures.filter((p) => !p.action && !p.public);

let h: AuthHarness;
let otherWorkspaceId: string;
const headersByRole = new Map<StudioRole, Headers>();
let otherAdmin: Headers;
let otherAdminForeignCookie: Headers;
let fixtures: FixtureContext;
let counter = 0;

beforeAll(async () => {
  h = await openAuthHarness();
  const [other] = await h.database.query<{ id: string }>(
    "insert into workspaces (slug, name) values ('other', 'Other') returning id",
  );
  otherWorkspaceId = other?.id ?? "";
  const ids = new Map<StudioRole, string>();
  for (const role of studioRoles) {
    ids.set(role, await addMember(h, `${role}@example.com`, role));
    const b = browser(h.auth, `198.51.100.${headersByRole.size + 20}`);
    await b.signIn(`${role}@example.com`);
    headersByRole.set(role, b.headers());
  }
  // The workspace's admin also administers the instance (workspaces.manage); nobody else here does.
  await h.database.db.insert(instanceAdmins).values({ userId: ids.get("admin") ?? "" });
  await addMember(h, "other-admin@example.com", "admin", otherWorkspaceId);
  const o = browser(h.auth, "198.51.100.99");
  await o.signIn("other-admin@example.com");
  otherAdmin = o.headers();
  // Asks for the first workspace by cookie: not a member there, so it gets nothing at all.
  otherAdminForeignCookie = o.headers({ cookie: `${o.headers().get("cookie")}; journey-workspace=${h.workspaceId}` });
  fixtures = {
    database: h.database,
    auth: h.auth,
    workspaceId: h.workspaceId,
    admin: { workspaceId: h.workspaceId, user: { id: ids.get("admin") ?? "", name: "admin", role: "admin" } },
    unique: (prefix) => `${prefix}-${++counter}`,
  };
});
afterAll(() => h?.close());

function ctxFor(headers: Headers | undefined): TrpcContext {
  return { database: h.database, headers };
}

async function call(
  headers: Headers | undefined,
  path: string,
  input: unknown,
): Promise<{ ok: true; data: unknown } | { ok: false; code: string }> {
  const caller: unknown = createCaller(ctxFor(headers));
  const fn: unknown = path.split(".").reduce<unknown>((node, key) => Reflect.get(Object(node), key), caller);
  if (typeof fn !== "function") throw new Error(`no procedure at ${path}`);
  try {
    return { ok: true, data: await fn(input) };
  } catch (error) {
    if (error instanceof TRPCError) return { ok: false, code: error.code };
    throw error;
  }
}

/** Not a valid input for any procedure that takes one: authorisation must decide before anything runs. */
const INVALID = { __invalid: true, id: 42 };

describe("authorisation matrix", () => {
  it("finds procedures in the router", () => {
    expect(declared.length).toBeGreaterThan(0);
    expect(undeclared.map((p) => p.path)).toEqual([]);
    expect(procedures.map((p) => p.path).filter((path) => !Object.hasOwn(validInputs, path))).toEqual([]);
  });

  it("the public procedures are exactly an invitation link's: signed out, a valid link is answered", async () => {
    expect(publicOnes.map((p) => p.path).sort()).toEqual([
      "invitations.accept",
      "invitations.acceptAsNewUser",
      "invitations.describe",
    ]);
    for (const procedure of publicOnes) {
      const prepare = validInputs[procedure.path];
      if (!prepare) throw new Error(`no valid input for ${procedure.path}`);
      const result = await call(undefined, procedure.path, await prepare(fixtures));
      // Accepting as an existing user needs that user's session.
      if (procedure.path === "invitations.accept") expect(result).toEqual({ ok: false, code: "UNAUTHORIZED" });
      else expect(result, procedure.path).toMatchObject({ ok: true });
      expect(await call(undefined, procedure.path, INVALID)).toEqual({ ok: false, code: "BAD_REQUEST" });
    }
  });

  describe.each(declared.map((p) => [p.path, p] as const))("%s", (_path, procedure) => {
    it("refuses a caller who is not signed in", async () => {
      expect(await call(undefined, procedure.path, INVALID)).toEqual({ ok: false, code: "UNAUTHORIZED" });
      expect(
        await call(
          new Headers({
            host: "127.0.0.1:3999",
            "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware",
          }),
          procedure.path,
          INVALID,
        ),
      ).toEqual({ ok: false, code: "UNAUTHORIZED" });
    });

    it.each(studioRoles.map((r) => [r]))("as %s in its own workspace: as the policy says", async (role) => {
      const action = procedure.action;
      if (!action) throw new Error("unreachable");
      const result = await call(headersByRole.get(role), procedure.path, INVALID);
      if (can(role, action, { instanceAdmin: role === "admin" }))
        expect(result).not.toMatchObject({ ok: false, code: expect.stringMatching(/^(FORBIDDEN|UNAUTHORIZED)$/) });
      else expect(result).toEqual({ ok: false, code: "FORBIDDEN" });
    });

    it.each(studioRoles.map((r) => [r]))("as %s with a valid input: allowed means done", async (role) => {
      const action = procedure.action;
      const prepare = validInputs[procedure.path];
      if (!action || !prepare) throw new Error(`no valid input for ${procedure.path}`);
      const result = await call(headersByRole.get(role), procedure.path, await prepare(fixtures));
      if (can(role, action, { instanceAdmin: role === "admin" })) expect(result).toMatchObject({ ok: true });
      else expect(result).toEqual({ ok: false, code: "FORBIDDEN" });
    });
  });

  it("an admin of another workspace acts only in their own, whatever workspace cookie they send", async () => {
    expect(await call(otherAdminForeignCookie, "admin.me", undefined)).toEqual({ ok: false, code: "UNAUTHORIZED" });
    expect(await call(otherAdminForeignCookie, "flows.list", {})).toEqual({ ok: false, code: "UNAUTHORIZED" });
    const me = await call(otherAdmin, "admin.me", undefined);
    expect(me).toMatchObject({ ok: true, data: { workspaceId: otherWorkspaceId } });
    const key = await createWorkspaceApiKey(
      h.database,
      h.workspaceId,
      { name: "ours", mode: "test" },
      { actor: { type: "system", label: "test" } },
    );
    expect(await call(otherAdmin, "admin.apiKeys.revoke", { id: key.id })).toEqual({ ok: false, code: "NOT_FOUND" });
    const theirs = await call(otherAdmin, "admin.apiKeys.list", undefined);
    expect(theirs).toEqual({ ok: true, data: [] });
    const designer = await h.database.query<{ id: string }>(
      "select id from users where email = 'designer@example.com'",
    );
    expect(await call(otherAdmin, "admin.members.changeRole", { userId: designer[0]?.id, role: "admin" })).toEqual({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await call(otherAdmin, "admin.members.remove", { userId: designer[0]?.id })).toEqual({
      ok: false,
      code: "NOT_FOUND",
    });
    const audit = await call(otherAdmin, "audit.list", {});
    expect(audit).toMatchObject({ ok: true, data: { rows: [] } });
    // And our admin does see it.
    expect(await call(headersByRole.get("admin"), "admin.apiKeys.revoke", { id: key.id })).toMatchObject({ ok: true });
    const ours = await call(headersByRole.get("admin"), "audit.list", { action: "apiKey." });
    const rows = ours.ok ? Reflect.get(Object(ours.data), "rows") : undefined;
    expect(
      (Array.isArray(rows) ? rows : [])
        .filter((row) => Reflect.get(Object(Reflect.get(Object(row), "subject")), "id") === key.id)
        .map((row) => Reflect.get(Object(row), "action")),
    ).toEqual(["apiKey.revoked", "apiKey.created"]);
  });

  it("the last admin cannot demote or remove themselves", async () => {
    const admin = await h.database.query<{ id: string }>("select id from users where email = 'admin@example.com'");
    expect(
      await call(headersByRole.get("admin"), "admin.members.changeRole", { userId: admin[0]?.id, role: "viewer" }),
    ).toEqual({ ok: false, code: "CONFLICT" });
  });
});

describe("folder permissions", () => {
  // A designer and a reviewer whose work is limited to folder "Billing" (level 2) — which reaches its
  // subfolder "Billing / Disputes" (level 3) — and not to "Cards".
  const scoped = new Map<StudioRole, Headers>();
  let inside = "";
  let outside = "";
  const folderScoped = declared.filter((p) => p.action && folderScopedActions.includes(p.action));

  beforeAll(async () => {
    const billing = await createFolder(h.database.db, fixtures.admin, { name: "Billing", parentId: null });
    inside = (await createFolder(h.database.db, fixtures.admin, { name: "Disputes", parentId: billing.id })).id;
    outside = (await createFolder(h.database.db, fixtures.admin, { name: "Cards", parentId: null })).id;
    for (const role of ["designer", "reviewer"] as const) {
      const id = await addMember(h, `scoped-${role}@example.com`, role);
      await setFolderGrants(h.database.db, fixtures.admin, id, [billing.id]);
      const b = browser(h.auth, `198.51.100.${role === "designer" ? 61 : 62}`);
      await b.signIn(`scoped-${role}@example.com`);
      scoped.set(role, b.headers());
    }
  });

  it("covers every procedure whose action folders narrow", () => {
    expect(folderScoped.length).toBeGreaterThan(0);
    expect(folderScoped.map((p) => p.path).filter((path) => !Object.hasOwn(validInputsInFolder, path))).toEqual([]);
  });

  describe.each(folderScoped.map((p) => [p.path, p] as const))("%s", (_path, procedure) => {
    const role = procedure.action === "flows.publish" ? "reviewer" : "designer";
    it(`a ${role} limited to a folder: allowed inside it (and its subfolders), FORBIDDEN outside`, async () => {
      const prepare = validInputsInFolder[procedure.path];
      if (!prepare) throw new Error(`no folder input for ${procedure.path}`);
      expect(await call(scoped.get(role), procedure.path, await prepare(fixtures, inside))).toMatchObject({ ok: true });
      expect(await call(scoped.get(role), procedure.path, await prepare(fixtures, outside))).toEqual({
        ok: false,
        code: "FORBIDDEN",
      });
      // The unlimited member of the same role reaches both.
      expect(await call(headersByRole.get(role), procedure.path, await prepare(fixtures, outside))).toMatchObject({
        ok: true,
      });
    });
  });
});
