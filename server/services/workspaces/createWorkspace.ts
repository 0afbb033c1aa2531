// `journey workspace create SLUG --name N` (operators) makes a workspace.
import "server-only";
import { z } from "zod";
import type { Db } from "../../db/client";
import { workspaces } from "../../db/schema";
import { AppError } from "../../errors/appError";

export const workspaceSlugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "must be 1-63 lowercase letters, digits or '-', starting with a letter or digit");

export const workspaceNameSchema = z.string().trim().min(1, "is empty").max(200, "is longer than 200 characters");

export async function createWorkspace(
  db: Db,
  input: { slug: string; name: string },
): Promise<{ id: string; slug: string; name: string }> {
  const slug = workspaceSlugSchema.safeParse(input.slug);
  if (!slug.success)
    throw new AppError("VALIDATION_FAILED", { detail: `slug "${input.slug}" ${slug.error.issues[0]?.message}` });
  const name = workspaceNameSchema.safeParse(input.name);
  if (!name.success) throw new AppError("VALIDATION_FAILED", { detail: `name ${name.error.issues[0]?.message}` });
  const [created] = await db
    .insert(workspaces)
    .values({ slug: slug.data, name: name.data })
    .onConflictDoNothing({ target: workspaces.slug })
    .returning({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name });
  if (!created) throw new AppError("CONFLICT", { detail: `a workspace "${slug.data}" exists already` });
  return created;
}
