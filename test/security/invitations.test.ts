// Invitations (issue 15): an admin invites an e-mail to their workspace with a role, and the answer is the
// same whether or not that e-mail has an account elsewhere; the link's token is single-use, expires and is
// stored hashed; accepting joins only that workspace (an existing user signed in, a new one with a
// password of their own); a pending invitation can be revoked; every step is audited. And removing a
// member ends their access to that workspace only. On PGlite, and on Postgres with TEST_DATABASE_URL.
import { createHash } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../../server/api/root";
import { authFor, type Auth } from "../../server/auth/auth";
import { createPasswordUser } from "../../server/auth/createPasswordUser";
import { resolveMemberSession, WORKSPACE_COOKIE } from "../../server/auth/memberSession";
import { createDatabase, type Database } from "../../server/db/client";
import { runMigrations } from "../../server/db/migrate";
import { folderGrants, memberships } from "../../server/db/schema";
import { memberActor } from "../../server/services/audit/recordAudit";
import { createFolder, setFolderGrants } from "../../server/services/flows/flowFolders";
import { removeMember } from "../../server/services/members/manageMembers";
import {
  acceptInvitation,
  acceptInvitationAsNewUser,
  describeInvitation,
  INVITATION_TTL_MS,
  inviteMember,
  listInvitations,
  revokeInvitation,
} from "../../server/services/members/invitations";
import type { MemberSession } from "../../server/services/memberSession";
import { seedDefaultWorkspace } from "../../server/services/seed";
import { createServerDatabase, serverUrl } from "../runtime/testDatabase";
import { drizzle as pgliteDrizzle } from "drizzle-orm/pglite";
import { drizzle as nodePgDrizzle } from "drizzle-orm/node-postgres";
import type { Logger } from "drizzle-orm/logger";
import * as schema from "../../server/db/schema";
import type { Db } from "../../server/db/client";
import { browser, PASSWORD } from "./authHarness";

const kinds = ["pglite", ...(serverUrl ? ["postgres"] : [])] as const;

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) =>
      e instanceof TRPCError
        ? String(Reflect.get(Object(e.cause), "code") ?? e.code)
        : String(Reflect.get(Object(e), "code")),
  );

describe.each(kinds)("invitations on %s", (kind) => {
  let database: Database;
  let auth: Auth;
  let drop: (() => Promise<void>) | undefined;
  let ours: string; // the inviting admin's workspace
  let theirs: string; // another workspace, where "known" already works
  let admin: MemberSession & { user: { email: string } };
  let knownId: string;
  let firstKnownToken = "";
  const known = "known@example.com";

  beforeAll(async () => {
    if (kind === "postgres") {
      const created = await createServerDatabase(serverUrl ?? "");
      drop = created.drop;
      database = await createDatabase({ kind: "postgres", url: created.url, max: 5 });
    } else database = await createDatabase({ kind: "pglite" });
    await runMigrations(database);
    ours = (await seedDefaultWorkspace(database.db, { examples: false })).id;
    const [other] = await database.query<{ id: string }>(
      "insert into workspaces (slug, name) values ('theirs', 'Theirs') returning id",
    );
    theirs = other?.id ?? "";
    auth = await authFor(database);
    const adminUser = await createPasswordUser(auth, { email: "boss@example.com", name: "Boss", password: PASSWORD });
    await database.db.insert(memberships).values({ workspaceId: ours, userId: adminUser.id, role: "admin" });
    admin = { workspaceId: ours, user: { id: adminUser.id, name: "Boss", email: adminUser.email, role: "admin" } };
    knownId = (await createPasswordUser(auth, { email: known, name: "Known", password: PASSWORD })).id;
    await database.db.insert(memberships).values({ workspaceId: theirs, userId: knownId, role: "viewer" });
  });
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  const actor = () => ({ actor: memberActor(admin) });
  const adminCaller = async () => {
    const b = browser(auth, "198.51.100.80");
    await b.signIn("boss@example.com");
    return createCaller({ database, headers: b.headers() });
  };
  const auditOf = (subjectLabel: string) =>
    database.query<{ action: string; after: unknown; subject_type: string }>(
      "select action, after, subject_type from audit_log where subject_label = $1 order by at",
      [subjectLabel],
    );

  it("answers an e-mail with an account elsewhere exactly as one without", async () => {
    const caller = await adminCaller();
    const withAccount = await caller.admin.members.invite({ email: "Known@Example.com", role: "designer" });
    const without = await caller.admin.members.invite({ email: "nobody@example.com", role: "designer" });
    const shape = (i: typeof withAccount) => ({
      keys: Object.keys(i).sort(),
      role: i.role,
      expired: i.expired,
      lifetime: Date.parse(i.expiresAt) - Date.parse(i.createdAt),
      token: /^[A-Za-z0-9_-]{43}$/.test(i.token),
    });
    expect(shape(withAccount)).toEqual(shape(without));
    expect(shape(without)).toMatchObject({ lifetime: INVITATION_TTL_MS, token: true, expired: false });
    expect([withAccount.email, without.email]).toEqual([known, "nobody@example.com"]);
    firstKnownToken = withAccount.token;
    // The pending list and the audit rows say nothing more about one than about the other.
    const listed = await caller.admin.members.invitations();
    const strip = (row: { email: string; id: string; createdAt: string; expiresAt: string }) => ({
      ...row,
      email: "",
      id: "",
      createdAt: "",
      expiresAt: "",
    });
    const pair = listed.filter((i) => i.id === withAccount.id || i.id === without.id).map(strip);
    expect(pair).toHaveLength(2);
    expect(pair[0]).toEqual(pair[1]);
    const [a] = await auditOf(known);
    const [b] = await auditOf("nobody@example.com");
    const auditShape = (row: typeof a) => ({
      action: row?.action,
      subject: row?.subject_type,
      keys: Object.keys(Object(row?.after)).sort(),
      role: Reflect.get(Object(row?.after), "role"),
    });
    expect(auditShape(a)).toEqual(auditShape(b));
    expect(auditShape(a)).toMatchObject({ action: "member.invited", subject: "invitation" });
    // A member of THIS workspace (whom the admin's member list shows anyway) is the one refusal.
    expect(await codeOf(caller.admin.members.invite({ email: "boss@example.com", role: "viewer" }))).toBe("CONFLICT");
  });

  it("runs the same statements for an e-mail with an account elsewhere as for one without", async () => {
    // The same database through a drizzle handle that records every statement it sends.
    const statements: string[] = [];
    const logger: Logger = { logQuery: (query) => void statements.push(query) };
    const driver = database.driver;
    const logged: Db =
      driver.kind === "pglite"
        ? pgliteDrizzle({ client: driver.client, schema, logger })
        : nodePgDrizzle({ client: driver.client, schema, logger });
    const run = async (email: string) => {
      statements.length = 0;
      await inviteMember(logged, ours, { email, role: "reviewer" }, actor());
      return [...statements];
    };
    const withAccount = await run(known);
    const without = await run("nobody-else@example.com");
    expect(withAccount.length).toBeGreaterThan(2);
    expect(withAccount).toEqual(without);
    expect(withAccount.join("\n")).not.toMatch(/from "users"\s+where/i);
  });

  it("stores only the token's hash; the token works once", async () => {
    const invited = await inviteMember(database.db, ours, { email: "once@example.com", role: "reviewer" }, actor());
    const [row] = await database.query<{ token_hash: string; text: string }>(
      "select token_hash, i::text as text from workspace_invitations i where id = $1",
      [invited.id],
    );
    expect(row?.token_hash).toBe(createHash("sha256").update(invited.token).digest("hex"));
    expect(row?.text).not.toContain(invited.token);

    expect(await describeInvitation(database.db, invited.token)).toMatchObject({
      email: "once@example.com",
      role: "reviewer",
      hasAccount: false,
    });
    const joined = await acceptInvitationAsNewUser(database.db, invited.token, { name: "Once", password: PASSWORD });
    expect(joined).toEqual({ workspaceId: ours, email: "once@example.com" });
    // Used: every way of using it again is refused with one code.
    expect(await codeOf(acceptInvitationAsNewUser(database.db, invited.token, { name: "", password: PASSWORD }))).toBe(
      "INVITATION_INVALID",
    );
    expect(await codeOf(describeInvitation(database.db, invited.token))).toBe("INVITATION_INVALID");
    const [user] = await database.query<{ id: string }>("select id from users where email = 'once@example.com'");
    expect(
      await codeOf(
        acceptInvitation(database.db, invited.token, { id: user?.id ?? "", email: "once@example.com", name: "Once" }),
      ),
    ).toBe("INVITATION_INVALID");
    expect(await codeOf(describeInvitation(database.db, "x".repeat(43)))).toBe("INVITATION_INVALID");
  });

  it("an archived workspace's invitation cannot be accepted", async () => {
    const [archived] = await database.query<{ id: string }>(
      "insert into workspaces (slug, name, archived_at) values ('gone', 'Gone', now()) returning id",
    );
    const invited = await inviteMember(
      database.db,
      archived?.id ?? "",
      { email: "gone@example.com", role: "viewer" },
      actor(),
    );
    expect(await codeOf(describeInvitation(database.db, invited.token))).toBe("INVITATION_INVALID");
    expect(await codeOf(acceptInvitationAsNewUser(database.db, invited.token, { name: "", password: PASSWORD }))).toBe(
      "INVITATION_INVALID",
    );
  });

  it("expires", async () => {
    const now = new Date();
    const invited = await inviteMember(
      database.db,
      ours,
      { email: "late@example.com", role: "viewer" },
      { ...actor(), now },
    );
    const justBefore = new Date(now.getTime() + INVITATION_TTL_MS - 1000);
    const after = new Date(now.getTime() + INVITATION_TTL_MS + 1000);
    expect(await describeInvitation(database.db, invited.token, justBefore)).toMatchObject({
      email: "late@example.com",
    });
    expect(await codeOf(describeInvitation(database.db, invited.token, after))).toBe("INVITATION_INVALID");
    expect(
      await codeOf(acceptInvitationAsNewUser(database.db, invited.token, { name: "", password: PASSWORD }, after)),
    ).toBe("INVITATION_INVALID");
    expect((await listInvitations(database.db, ours, after)).find((i) => i.id === invited.id)?.expired).toBe(true);
    expect(await database.query("select 1 from users where email = 'late@example.com'")).toEqual([]);
  });

  it("lists expired invitations as expired, after the pending ones, and they can be removed", async () => {
    const now = new Date();
    const old = await inviteMember(
      database.db,
      ours,
      { email: "old@example.com", role: "viewer" },
      { ...actor(), now },
    );
    const later = new Date(now.getTime() + INVITATION_TTL_MS + 1000);
    const fresh = await inviteMember(
      database.db,
      ours,
      { email: "fresh@example.com", role: "designer" },
      { ...actor(), now: new Date(later.getTime() - 60_000) },
    );
    const listed = (await listInvitations(database.db, ours, later)).filter((i) => [old.id, fresh.id].includes(i.id));
    expect(listed.map((i) => [i.email, i.status, i.expired])).toEqual([
      ["fresh@example.com", "pending", false],
      ["old@example.com", "expired", true],
    ]);
    await revokeInvitation(database.db, ours, old.id, { ...actor(), now: later });
    expect((await listInvitations(database.db, ours, later)).map((i) => i.id)).not.toContain(old.id);
  });

  it("a link lasts JOURNEY_INVITATION_TTL_MS when the caller gives no other", async () => {
    const now = new Date();
    const invited = await inviteMember(
      database.db,
      ours,
      { email: "short@example.com", role: "viewer" },
      { ...actor(), now, ttlMs: 5_000 },
    );
    expect(Date.parse(invited.expiresAt) - now.getTime()).toBe(5_000);
    const defaulted = await inviteMember(database.db, ours, { email: "week@example.com", role: "viewer" }, actor());
    expect(Date.parse(defaulted.expiresAt) - Date.parse(defaulted.createdAt)).toBe(INVITATION_TTL_MS);
  });

  it("an existing user joins by signing in: only that workspace, and only as the invited e-mail", async () => {
    const invited = await inviteMember(database.db, ours, { email: known, role: "designer" }, actor());
    expect((await describeInvitation(database.db, invited.token)).hasAccount).toBe(true);
    // Inviting again replaced the first invitation of this e-mail: its link no longer works.
    expect(await codeOf(describeInvitation(database.db, firstKnownToken))).toBe("INVITATION_INVALID");
    // Choosing a password for an e-mail that has an account is refused; the link still works.
    expect(await codeOf(acceptInvitationAsNewUser(database.db, invited.token, { name: "", password: PASSWORD }))).toBe(
      "INVITATION_NEEDS_SIGN_IN",
    );
    // Signed out, and signed in as someone else: refused, the link still works.
    expect(
      await codeOf(
        createCaller({ database, headers: new Headers({ host: "127.0.0.1:3999" }) }).invitations.accept({
          token: invited.token,
        }),
      ),
    ).toBe("SIGN_IN_REQUIRED");
    const boss = await adminCaller();
    expect(await codeOf(boss.invitations.accept({ token: invited.token }))).toBe("INVITATION_FOR_ANOTHER_USER");

    const b = browser(auth, "198.51.100.81");
    await b.signIn(known);
    const asKnown = createCaller({ database, headers: b.headers() });
    expect(await asKnown.invitations.accept({ token: invited.token })).toEqual({ workspaceId: ours });
    const rows = await database.query<{ workspace_id: string; role: string }>(
      "select workspace_id, role from memberships where user_id = $1 order by role",
      [knownId],
    );
    expect(rows).toEqual([
      { workspace_id: ours, role: "designer" },
      { workspace_id: theirs, role: "viewer" },
    ]);
    // Their session reaches both now, each with its own role.
    const inOurs = await resolveMemberSession(
      database,
      b.headers({ cookie: `${b.headers().get("cookie")}; ${WORKSPACE_COOKIE}=${ours}` }),
      auth,
    );
    expect(inOurs?.user.role).toBe("designer");
    expect((await auditOf(known)).map((r) => r.action)).toEqual([
      // tests 1 and 2, then this one's
      "member.invited",
      "member.invited",
      "member.invited",
      "member.joined",
    ]);
    expect(await codeOf(asKnown.invitations.accept({ token: invited.token }))).toBe("INVITATION_INVALID");
  });

  it("a new user sets a password, joins that workspace only, and signs in with it", async () => {
    const invited = await inviteMember(
      database.db,
      ours,
      { email: "fresh@example.com", role: "content-editor" },
      actor(),
    );
    const anon = createCaller({ database, headers: new Headers({ host: "127.0.0.1:3999" }) });
    expect(await codeOf(anon.invitations.acceptAsNewUser({ token: invited.token, password: "short" }))).toBe(
      "BAD_REQUEST",
    );
    expect(
      await anon.invitations.acceptAsNewUser({
        token: invited.token,
        name: "Fresh",
        password: "fresh and long enough",
      }),
    ).toEqual({ workspaceId: ours, email: "fresh@example.com" });
    const b = browser(auth, "198.51.100.82");
    expect((await b.signIn("fresh@example.com", "fresh and long enough")).status).toBe(200);
    const session = await resolveMemberSession(database, b.headers(), auth);
    expect(session?.workspaces.map((w) => [w.id, w.role])).toEqual([[ours, "content-editor"]]);
    expect(session?.user.name).toBe("Fresh");
  });

  it("a pending invitation can be revoked (audited); another workspace's cannot", async () => {
    const invited = await inviteMember(database.db, ours, { email: "revoked@example.com", role: "viewer" }, actor());
    const otherAdmin = { actor: { type: "system" as const, label: "other" } };
    expect(await codeOf(revokeInvitation(database.db, theirs, invited.id, otherAdmin))).toBe("NOT_FOUND");
    const caller = await adminCaller();
    await caller.admin.members.revokeInvitation({ id: invited.id });
    expect(await codeOf(describeInvitation(database.db, invited.token))).toBe("INVITATION_INVALID");
    expect(await codeOf(caller.admin.members.revokeInvitation({ id: invited.id }))).toBe("NOT_FOUND");
    expect((await caller.admin.members.invitations()).map((i) => i.id)).not.toContain(invited.id);
    expect((await auditOf("revoked@example.com")).map((r) => r.action)).toEqual([
      "member.invited",
      "member.invitationRevoked",
    ]);
  });

  it("removing a member ends their access to that workspace only (and their folder grants there)", async () => {
    const folder = await createFolder(database.db, admin, { name: "Cards", parentId: null });
    await setFolderGrants(database.db, admin, knownId, [folder.id]);
    const b = browser(auth, "198.51.100.83");
    await b.signIn(known);
    const headersIn = (workspaceId: string) =>
      b.headers({ cookie: `${b.headers().get("cookie")}; ${WORKSPACE_COOKIE}=${workspaceId}` });
    expect((await resolveMemberSession(database, headersIn(ours), auth))?.user.folders).toEqual([folder.id]);

    await removeMember(database.db, ours, knownId, actor());
    expect(await resolveMemberSession(database, headersIn(ours), auth)).toBeUndefined();
    expect(await codeOf(createCaller({ database, headers: headersIn(ours) }).flows.list({}))).toBe("SIGN_IN_REQUIRED");
    expect((await resolveMemberSession(database, headersIn(theirs), auth))?.workspaceId).toBe(theirs);
    expect(await database.db.select().from(folderGrants)).toEqual([]);
  });
});
