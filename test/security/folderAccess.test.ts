// The folder-access page's service: per folder, who may edit and publish its flows as the policy decides
// (canInFolder): granted here, granted a parent folder (shown as inherited), or unlimited; granting and
// revoking one folder is admin-only, limited to designers and reviewers, and audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canInFolder } from "../../server/auth/policy";
import { resolveMemberSession } from "../../server/auth/memberSession";
import { createFolder, folderPath } from "../../server/services/flows/flowFolders";
import { folderAccess, grantFolder, revokeFolder } from "../../server/services/flows/folderAccess";
import type { MemberSession } from "../../server/services/memberSession";
import { addMember, browser, openAuthHarness, type AuthHarness } from "./authHarness";

let h: AuthHarness;
let admin: MemberSession;
const ids: Record<string, string> = {};
let billing = "";
let disputes = "";

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => String(Reflect.get(Object(e), "code")),
  );
const emails = (list: { email: string }[]) => list.map((m) => m.email);

beforeAll(async () => {
  h = await openAuthHarness();
  for (const [name, role] of [
    ["boss", "admin"],
    ["dee", "designer"],
    ["rae", "reviewer"],
    ["free", "designer"],
    ["cee", "content-editor"],
  ] as const)
    ids[name] = await addMember(h, `${name}@example.com`, role);
  admin = { workspaceId: h.workspaceId, user: { id: ids.boss ?? "", name: "boss", role: "admin" } };
  billing = (await createFolder(h.database.db, admin, { name: "Billing", parentId: null })).id;
  disputes = (await createFolder(h.database.db, admin, { name: "Disputes", parentId: billing })).id;
  await grantFolder(h.database.db, admin, billing, ids.dee ?? "");
  await grantFolder(h.database.db, admin, disputes, ids.rae ?? "");
});
afterAll(() => h?.close());

describe("folder access", () => {
  it("shows grants here, grants inherited from a parent folder, and who works everywhere", async () => {
    const access = await folderAccess(h.database.db, admin, disputes);
    expect(access.direct.map((m) => [m.email, m.onlyGrant])).toEqual([["rae@example.com", true]]);
    expect(access.inherited.map((m) => [m.email, m.from.name])).toEqual([["dee@example.com", "Billing"]]);
    expect(emails(access.unlimited)).toEqual(["free@example.com"]);
    expect(emails(access.admins)).toEqual(["boss@example.com"]);
    const top = await folderAccess(h.database.db, admin, billing);
    expect(emails(top.direct)).toEqual(["dee@example.com"]);
    expect(top.inherited).toEqual([]);
  });

  it("agrees with the policy: whoever the page lists may edit or publish there, nobody else", async () => {
    const path = await folderPath(h.database.db, h.workspaceId, disputes);
    const access = await folderAccess(h.database.db, admin, disputes);
    const listed = new Set(emails([...access.direct, ...access.inherited, ...access.unlimited, ...access.admins]));
    for (const name of ["boss", "dee", "rae", "free", "cee"]) {
      const b = browser(h.auth, `198.51.100.${90 + Object.keys(ids).indexOf(name)}`);
      await b.signIn(`${name}@example.com`);
      const session = await resolveMemberSession(h.database, b.headers(), h.auth);
      if (!session) throw new Error(`no session for ${name}`);
      const reaches = canInFolder(session.user, "flows.edit", path) || canInFolder(session.user, "flows.publish", path);
      expect(reaches, name).toBe(listed.has(`${name}@example.com`));
    }
  });

  it("grants and revokes one folder for designers and reviewers only, audited; admins only", async () => {
    expect(await codeOf(grantFolder(h.database.db, admin, disputes, ids.cee ?? ""))).toBe("BAD_REQUEST");
    const designer: MemberSession = {
      workspaceId: h.workspaceId,
      user: { id: ids.dee ?? "", name: "dee", role: "designer" },
    };
    expect(await codeOf(grantFolder(h.database.db, designer, disputes, ids.free ?? ""))).toBe("FORBIDDEN");
    expect(await codeOf(folderAccess(h.database.db, designer, disputes))).toBe("FORBIDDEN");

    await grantFolder(h.database.db, admin, disputes, ids.free ?? "");
    expect(emails((await folderAccess(h.database.db, admin, disputes)).direct)).toEqual([
      "free@example.com",
      "rae@example.com",
    ]);
    await revokeFolder(h.database.db, admin, disputes, ids.free ?? "");
    expect(await codeOf(revokeFolder(h.database.db, admin, disputes, ids.free ?? ""))).toBe("NOT_FOUND");
    expect(emails((await folderAccess(h.database.db, admin, disputes)).unlimited)).toEqual(["free@example.com"]);
    const audit = await h.database.query<{ action: string }>(
      "select action from audit_log where subject_id = $1 order by at",
      [ids.free],
    );
    expect(audit.map((r) => r.action)).toEqual(["member.folderGranted", "member.folderRevoked"]);
  });
});
