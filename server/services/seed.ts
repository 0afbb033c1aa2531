// First-start data.
import "server-only";
import { sql } from "drizzle-orm";
import { env } from "../env";
import type { Db } from "../db/client";
import { workspaces } from "../db/schema";
import { importExampleFlows } from "./importDocuments";

import { DEFAULT_WORKSPACE_SLUG } from "./defaultWorkspace";

export { DEFAULT_WORKSPACE_SLUG };

/**
 * Creates the "Default" workspace when there is no workspace at all, and returns the id of the
 * default workspace (or of the oldest one, if someone renamed it). Safe to call at every start,
 * from several processes at once.
 */
export async function seedDefaultWorkspace(
  db: Db,
  options: { examples?: boolean } = {},
): Promise<{ id: string; created: boolean }> {
  const seeded = await ensureDefaultWorkspace(db);
  // The example journeys, published (a no-op when unchanged; JOURNEY_EXAMPLES=off skips it).
  if (options.examples ?? env().JOURNEY_EXAMPLES) await importExampleFlows(db, seeded.id);
  return seeded;
}

async function ensureDefaultWorkspace(db: Db): Promise<{ id: string; created: boolean }> {
  const [existing] = await db
    .select({ id: workspaces.id })
    .from(workspaces)
    .orderBy(sql`${workspaces.slug} <> ${DEFAULT_WORKSPACE_SLUG}`, workspaces.createdAt)
    .limit(1);
  if (existing) return { id: existing.id, created: false };
  const [inserted] = await db
    .insert(workspaces)
    .values({ slug: DEFAULT_WORKSPACE_SLUG, name: "Default" })
    .onConflictDoNothing({ target: workspaces.slug })
    .returning({ id: workspaces.id });
  if (inserted) return { id: inserted.id, created: true };
  // Another process created it between our select and insert.
  const [raced] = await db
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(sql`${workspaces.slug} = ${DEFAULT_WORKSPACE_SLUG}`);
  if (!raced) throw new Error("default workspace vanished while seeding");
  return { id: raced.id, created: false };
}
