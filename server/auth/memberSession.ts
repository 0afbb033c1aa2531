// Who is calling the studio: the better-auth session from the request's cookie,
// and the user's membership in the workspace they are working in.
import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { getDatabase, type Database } from "../db/client";
import { memberships, workspaces } from "../db/schema";
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
  user: { email: string };
  workspaces: MemberWorkspace[];
};

export async function listMemberWorkspaces(database: Database, userId: string): Promise<MemberWorkspace[]> {
  return database.db
    .select({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt), asc(workspaces.slug));
}

/**
 * The member behind these request headers, or undefined (no cookie, a signed-out, expired or forged
 * session, or a user with no workspace). Other headers, `x-middleware-subrequest` included, play no part.
 */
export async function resolveMemberSession(
  database: Database,
  headers: Headers,
  auth?: Auth,
): Promise<SignedInMember | undefined> {
  const found = await (auth ?? (await authFor(database))).api.getSession({
    headers,
    query: { disableCookieCache: true },
  });
  if (!found) return undefined;
  const list = await listMemberWorkspaces(database, found.user.id);
  const wanted = readCookie(headers.get("cookie"), WORKSPACE_COOKIE);
  const current = list.find((w) => w.id === wanted) ?? list[0];
  if (!current) return undefined;
  return {
    sessionId: found.session.id,
    workspaceId: current.id,
    user: { id: found.user.id, name: found.user.name, email: found.user.email, role: current.role },
    workspaces: list,
  };
}

/** The member behind these request headers, on the process's database (pages ask this). */
export async function currentMember(headers: Headers): Promise<SignedInMember | undefined> {
  return resolveMemberSession(await getDatabase(), headers);
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
