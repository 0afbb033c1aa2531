// Workspaces for an outsourcer: instance administrators create, rename and archive them through the
// studio's procedures; a member of several works in the one their cookie names; removing a member from
// one workspace ends their access to that one only; an archived workspace is closed to the studio and
// to its API keys; each workspace sees only its own flows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { createCaller } from "../../server/api/root";
import { createApiKeyAuthenticator, createApiKey } from "../../server/auth/apiKeys";
import { resolveMemberSession, WORKSPACE_COOKIE } from "../../server/auth/memberSession";
import { instanceAdmins, memberships } from "../../server/db/schema";
import { sqlClientFor } from "../../server/db/sqlClient";
import { addMember, browser, openAuthHarness, type AuthHarness } from "./authHarness";
import { flowDocument } from "./procedureInputs";

let h: AuthHarness;
let operator: { headers: (extra?: Record<string, string>) => Headers; id: string };

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof TRPCError ? String(Reflect.get(Object(e.cause), "code") ?? e.code) : String(e)),
  );

async function person(email: string, ip: string, role: "admin" | "designer" = "designer") {
  const id = await addMember(h, email, role);
  const b = browser(h.auth, ip);
  await b.signIn(email);
  return { id, headers: (extra: Record<string, string> = {}) => b.headers(extra) };
}

function as(headers: Headers) {
  return createCaller({ database: h.database, headers });
}

const inWorkspace = (p: { headers: (extra?: Record<string, string>) => Headers }, workspaceId: string) =>
  p.headers({ cookie: `${p.headers().get("cookie")}; ${WORKSPACE_COOKIE}=${workspaceId}` });

beforeAll(async () => {
  h = await openAuthHarness();
  operator = await person("operator@example.com", "198.51.100.51", "admin");
  await h.database.db.insert(instanceAdmins).values({ userId: operator.id });
});
afterAll(() => h?.close());

describe("workspaces", () => {
  it("an instance administrator creates, renames and archives workspaces; a workspace admin may not", async () => {
    const ops = as(operator.headers());
    const brand = await ops.workspaces.create({ slug: "brand-a", name: "Brand A" });
    expect(await codeOf(ops.workspaces.create({ slug: "brand-a", name: "Again" }))).toBe("CONFLICT");
    await ops.workspaces.rename({ id: brand.id, name: "Brand A (CN)" });
    expect((await ops.workspaces.list()).map((w) => [w.slug, w.name, w.archived])).toEqual([
      ["default", "Default", false],
      ["brand-a", "Brand A (CN)", false],
    ]);
    // The creator is the new workspace's admin, and can switch into it.
    const me = await as(inWorkspace(operator, brand.id)).admin.me();
    expect(me.workspaceId).toBe(brand.id);
    expect(me.user.role).toBe("admin");

    const admin = await person("plain-admin@example.com", "198.51.100.52", "admin");
    expect(await codeOf(as(admin.headers()).workspaces.create({ slug: "nope", name: "No" }))).toBe("FORBIDDEN");
    expect(await codeOf(as(admin.headers()).workspaces.list())).toBe("FORBIDDEN");
  });

  it("each workspace sees only its own flows, whichever the member switches to", async () => {
    const ops = as(operator.headers());
    const brand = await ops.workspaces.create({ slug: "brand-b", name: "Brand B" });
    await as(inWorkspace(operator, brand.id)).flows.import({ document: flowDocument("brand-b-only") });
    const inB = await as(inWorkspace(operator, brand.id)).flows.list({});
    expect(inB.map((f) => f.key)).toEqual(["brand-b-only"]);
    const inDefault = await as(inWorkspace(operator, h.workspaceId)).flows.list({});
    expect(inDefault.map((f) => f.key)).not.toContain("brand-b-only");
    expect(await codeOf(as(inWorkspace(operator, h.workspaceId)).flows.get({ key: "brand-b-only" }))).toBe(
      "FLOW_NOT_FOUND",
    );
  });

  it("removing a member from one workspace ends their access there only", async () => {
    const ops = as(operator.headers());
    const brand = await ops.workspaces.create({ slug: "brand-c", name: "Brand C" });
    const staff = await person("staff@example.com", "198.51.100.53");
    await h.database.db.insert(memberships).values({ workspaceId: brand.id, userId: staff.id, role: "designer" });

    await as(inWorkspace(operator, brand.id)).admin.members.remove({ userId: staff.id });
    // Still signed in, in the default workspace.
    const there = await resolveMemberSession(h.database, inWorkspace(staff, h.workspaceId), h.auth);
    expect(there?.workspaceId).toBe(h.workspaceId);
    expect((await as(staff.headers()).admin.me()).workspaceId).toBe(h.workspaceId);
    // A tab still on Brand C is refused, not moved to another workspace.
    expect(await resolveMemberSession(h.database, inWorkspace(staff, brand.id), h.auth)).toBeUndefined();
    expect(await codeOf(as(inWorkspace(staff, brand.id)).flows.list({}))).toBe("SIGN_IN_REQUIRED");

    // Removed from their last workspace, their sessions end.
    await as(inWorkspace(operator, h.workspaceId)).admin.members.remove({ userId: staff.id });
    expect(await h.auth.api.getSession({ headers: staff.headers() })).toBeNull();
  });

  it("an archived workspace is closed to the studio and to its API keys", async () => {
    const ops = as(operator.headers());
    const brand = await ops.workspaces.create({ slug: "brand-d", name: "Brand D" });
    const query = sqlClientFor(h.database).query;
    const key = await createApiKey(query, brand.id, "k", "live");
    const authenticate = createApiKeyAuthenticator(query, 60_000);
    expect(await authenticate(key.key)).toMatchObject({ workspaceId: brand.id });

    await ops.workspaces.archive({ id: brand.id, archived: true });
    expect(await authenticate(key.key)).toBeUndefined();
    expect(await resolveMemberSession(h.database, inWorkspace(operator, brand.id), h.auth)).toBeUndefined();
    expect((await as(operator.headers()).admin.me()).workspaces.map((w) => w.slug)).not.toContain("brand-d");

    await ops.workspaces.archive({ id: brand.id, archived: false });
    expect(await authenticate(key.key)).toMatchObject({ workspaceId: brand.id });
  });
});
