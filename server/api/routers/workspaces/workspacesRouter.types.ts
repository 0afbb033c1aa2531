// Request and response schemas of the workspaces router: zod only, so the browser may import them too.
import { z } from "zod";

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "lowercase letters, digits and '-', up to 63");
const name = z.string().trim().min(1).max(200);

export const createWorkspaceInput = z.strictObject({ slug, name });
export const renameWorkspaceInput = z.strictObject({ id: z.uuid(), name });
export const archiveWorkspaceInput = z.strictObject({ id: z.uuid(), archived: z.boolean() });

export const workspaceOutput = z.object({ id: z.string(), slug: z.string(), name: z.string() });

export const workspacesOutput = z.array(
  z.object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    archived: z.boolean(),
    members: z.number().int(),
    createdAt: z.string(),
  }),
);
