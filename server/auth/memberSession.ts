// Who is calling the studio: the better-auth session from the request's cookie,
// and the user's membership in the workspace they are working in.
import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import { getDatabase, type Database } from "../db/client";
import { folderGrants, instanceAdmins, memberships, workspaces } from "../db/schema";
import type { StudioRole } from "../db/schema/auth";
import type { MemberSession } from "../services/memberSession";
import { authFor, type Auth } from "./auth";

/** The workspace the studio works in, when the user belongs to several (set by the workspace switcher). */
export const WORKSPACE_COOKIE = "journey-workspace";

export type MemberWorkspace = { id: string; slug: string; name: string; role: StudioRole };

/**
 * The member session (services' MemberSession: who a studio service acts for) as the request resolved
 * it, with the better-auth session id, the e-mail and the member's other workspaces.
 */
export type SignedInMember = MemberSession & {
  sessionId: string;
  user: { email: string; instanceAdmin: boolean };
  workspaces: MemberWorkspace[];
};

export async function listMemberWorkspaces(database: Database, userId: string): Promise<MemberWorkspace[]> {
  return database.db
    .select({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(and(eq(memberships.userId, userId), isNull(workspaces.archivedAt)))
    .orderBy(asc(memberships.createdAt), asc(workspaces.slug));
}

/**
 * The workspace a request works in: the one its `journey-workspace` cookie names, else (no cookie) the
 * member's first. A cookie naming a workspace the user is not, or no longer, a member of resolves to
 * none unless `fallback` (the studio's pages, whose header then rewrites the cookie): a tab still open
 * on a workspace the member was removed from must not send its changes to another workspace.
 */
function chooseWorkspace(list: MemberWorkspace[], wanted: string | undefined, fallback: boolean) {
  if (wanted === undefined) return list[0];
  return list.find((w) => w.id === wanted) ?? (fallback ? list[0] : undefined);
}

/**
 * The member behind these request headers, or undefined (no cookie, a signed-out, expired or forged
 * session, or a user with no workspace). Other headers, `x-middleware-subrequest` included, play no part.
 */
export async function resolveMemberSession(
  database: Database,
  headers: Headers,
  auth?: Auth,
  options: { fallback?: boolean } = {},
): Promise<SignedInMember | undefined> {
  const found = await (auth ?? (await authFor(database))).api.getSession({
    headers,
    query: { disableCookieCache: true },
  });
  if (!found) return undefined;
  const list = await listMemberWorkspaces(database, found.user.id);
  const wanted = readCookie(headers.get("cookie"), WORKSPACE_COOKIE);
  const current = chooseWorkspace(list, wanted, options.fallback === true);
  if (!current) return undefined;
  const [admin] = await database.db
    .select({ userId: instanceAdmins.userId })
    .from(instanceAdmins)
    .where(eq(instanceAdmins.userId, found.user.id));
  const grants = await database.db
    .select({ folderId: folderGrants.folderId })
    .from(folderGrants)
    .where(and(eq(folderGrants.workspaceId, current.id), eq(folderGrants.userId, found.user.id)));
  return {
    sessionId: found.session.id,
    workspaceId: current.id,
    user: {
      id: found.user.id,
      name: found.user.name,
      email: found.user.email,
      role: current.role,
      instanceAdmin: admin !== undefined,
      ...(grants.length > 0 ? { folders: grants.map((g) => g.folderId) } : {}),
    },
    workspaces: list,
  };
}

/**
 * The signed-in user behind these headers, whatever their workspaces (none, maybe: accepting an
 * invitation is how they get one); undefined when signed out.
 */
export async function signedInUser(
  database: Database,
  headers: Headers,
  auth?: Auth,
): Promise<{ id: string; email: string; name: string } | undefined> {
  const found = await (auth ?? (await authFor(database))).api.getSession({
    headers,
    query: { disableCookieCache: true },
  });
  return found ? { id: found.user.id, email: found.user.email, name: found.user.name } : undefined;
}

/** The signed-in user behind these request headers, on the process's database (the invitation page asks this). */
export async function currentUser(headers: Headers): Promise<{ id: string; email: string; name: string } | undefined> {
  return signedInUser(await getDatabase(), headers);
}

/** The member behind these request headers, on the process's database (pages ask this). */
export async function currentMember(headers: Headers): Promise<SignedInMember | undefined> {
  return resolveMemberSession(await getDatabase(), headers, undefined, { fallback: true });
}

/** The member's role in one workspace (undefined: not a member). */
export async function roleIn(database: Database, userId: string, workspaceId: string): Promise<StudioRole | undefined> {
  const [row] = await database.db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.workspaceId, workspaceId)));
  return row?.role;
}

function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return decodeURIComponent(value.join("="));
  }
  return undefined;
}
