// A migrated in-memory PGlite with better-auth on it, and a tiny cookie-keeping client that calls the
// auth handler as the browser would (same origin, a peer address stamped like server/main.ts does).
import { createDatabase, type Database } from "../../server/db/client";
import { runMigrations } from "../../server/db/migrate";
import { authFor, type Auth } from "../../server/auth/auth";
import { PEER_IP_HEADER } from "../../server/auth/authConfig";
import { createPasswordUser } from "../../server/auth/createPasswordUser";
import { memberships, type StudioRole } from "../../server/db/schema";
import { seedDefaultWorkspace } from "../../server/services/seed";

export const ORIGIN = "http://127.0.0.1:3999";
export const PASSWORD = "correct horse battery staple";

export type AuthHarness = { database: Database; auth: Auth; workspaceId: string; close(): Promise<void> };

export async function openAuthHarness(): Promise<AuthHarness> {
  const database = await createDatabase({ kind: "pglite" });
  await runMigrations(database);
  const { id: workspaceId } = await seedDefaultWorkspace(database.db, { examples: false });
  const auth = await authFor(database);
  return { database, auth, workspaceId, close: () => database.close() };
}

export async function addMember(
  h: AuthHarness,
  email: string,
  role: StudioRole,
  workspaceId = h.workspaceId,
): Promise<string> {
  const { id } = await createPasswordUser(h.auth, { email, name: email.split("@")[0] ?? email, password: PASSWORD });
  await h.database.db.insert(memberships).values({ workspaceId, userId: id, role });
  return id;
}

/** A browser: keeps cookies, sends Origin, comes from one address. */
export function browser(auth: Auth, ip = "198.51.100.7") {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  async function call(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
    const headers = new Headers({ host: new URL(ORIGIN).host, origin: ORIGIN, [PEER_IP_HEADER]: ip, ...init.headers });
    if (jar.size) headers.set("cookie", cookieHeader());
    if (init.body !== undefined) headers.set("content-type", "application/json");
    const res = await auth.handler(
      new Request(`${ORIGIN}/api/auth${path}`, {
        method: init.method ?? (init.body === undefined ? "GET" : "POST"),
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      }),
    );
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const index = pair?.indexOf("=") ?? -1;
      if (!pair || index < 0) continue;
      const name = pair.slice(0, index);
      const value = pair.slice(index + 1);
      if (value === "" || /max-age=0/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }
  return {
    jar,
    call,
    /** Request headers as the studio would see them (for getSession / resolveMemberSession). */
    headers: (extra: Record<string, string> = {}) =>
      new Headers({ host: new URL(ORIGIN).host, cookie: cookieHeader(), ...extra }),
    signIn: (email: string, password = PASSWORD) => call("/sign-in/email", { body: { email, password } }),
  };
}
