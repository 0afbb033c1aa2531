// Response schemas about the signed-in member and roles, shared by the system and admin routers. The
// role list is the database schema's (server/db/schema/auth.ts): a server module, unlike common.types.ts.
import { z } from "zod";
import { studioRoles } from "../../db/schema";

export const studioRoleOutput = z.enum(studioRoles);

/** A signed-in member acting in one workspace, and the workspaces they belong to. */
export const memberSessionOutput = z.object({
  sessionId: z.string(),
  workspaceId: z.string(),
  user: z.object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    role: studioRoleOutput,
    instanceAdmin: z.boolean(),
    folders: z.array(z.string()).readonly().optional(),
  }),
  workspaces: z.array(z.object({ id: z.string(), slug: z.string(), name: z.string(), role: studioRoleOutput })),
});
