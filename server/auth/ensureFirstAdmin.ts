// A fresh install's first admin. With no user at all, creates one (JOURNEY_ADMIN_EMAIL,
// default admin@journey.local) as admin of the default workspace, and prints its initial password once
// to the console (or takes JOURNEY_FIRST_ADMIN_PASSWORD, for automated installs, and prints nothing of it). The password is never stored in clear; only its argon2id hash is.
import "server-only";
import { randomInt } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { instanceAdmins, memberships, users, workspaces } from "../db/schema";
import { DEFAULT_WORKSPACE_SLUG } from "../services/defaultWorkspace";
import { authFor, type Auth } from "./auth";
import { authConfigFromEnv } from "./authConfig";
import { createPasswordUser } from "./createPasswordUser";

const ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** 20 characters from a 57-letter alphabet without look-alikes: ~116 bits. */
export function generatePassword(length = 20): string {
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

export type FirstAdmin = { created: false } | { created: true; email: string; password: string; userId: string };

/**
 * Safe at every start and from several processes at once: does nothing once any user exists, and the
 * unique e-mail stops a second process creating a second admin.
 */
export async function ensureFirstAdmin(
  database: Database,
  options: { auth?: Auth; email?: string; log?: (line: string) => void } = {},
): Promise<FirstAdmin> {
  const [existing] = await database.db.select({ id: users.id }).from(users).limit(1);
  if (existing) return { created: false };
  const [workspace] = await database.db
    .select({ id: workspaces.id })
    .from(workspaces)
    .orderBy(sql`${workspaces.slug} <> ${DEFAULT_WORKSPACE_SLUG}`, workspaces.createdAt)
    .limit(1);
  if (!workspace) throw new Error("ensureFirstAdmin: no workspace yet (call seedDefaultWorkspace first)");

  const config = authConfigFromEnv();
  const email = options.email ?? config.adminEmail;
  const password = config.firstAdminPassword ?? generatePassword();
  let userId: string;
  try {
    userId = (await createPasswordUser(options.auth ?? (await authFor(database)), { email, name: "Admin", password }))
      .id;
  } catch (error) {
    const [raced] = await database.db.select({ id: users.id }).from(users).limit(1);
    if (raced) return { created: false };
    throw error;
  }
  await database.db
    .insert(memberships)
    .values({ workspaceId: workspace.id, userId, role: "admin" })
    .onConflictDoNothing();
  await database.db.insert(instanceAdmins).values({ userId }).onConflictDoNothing();

  const log = options.log ?? ((line: string) => console.log(line));
  log(
    [
      "",
      "  First start: created the studio's first admin.",
      `    e-mail:   ${email}`,
      config.firstAdminPassword ? "    password: the one in JOURNEY_FIRST_ADMIN_PASSWORD" : `    password: ${password}`,
      "  It is shown only this once. Sign in at /sign-in and add your team under Settings → Members.",
      "",
    ].join("\n"),
  );
  return { created: true, email, password, userId };
}
