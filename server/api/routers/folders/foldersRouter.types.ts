// Request and response schemas of the folders router (the process map): zod only.
import { z } from "zod";

const folderName = z.string().trim().min(1).max(200);

export const createFolderInput = z.strictObject({ name: folderName, parentId: z.uuid().nullable().default(null) });
export const updateFolderInput = z.strictObject({
  id: z.uuid(),
  name: folderName.optional(),
  parentId: z.uuid().nullable().optional(),
});
export const folderIdInput = z.strictObject({ id: z.uuid() });
export const moveFlowInput = z.strictObject({ key: z.string().min(1).max(100), folderId: z.uuid().nullable() });
export const setGrantsInput = z.strictObject({
  userId: z.string().min(1).max(100),
  folderIds: z.array(z.uuid()).max(500),
});
export const republishCallersInput = z.strictObject({ key: z.string().min(1).max(100) });

export const folderOutput = z.object({ id: z.string(), parentId: z.string().nullable(), name: z.string() });
export const foldersOutput = z.array(folderOutput);
export const grantsOutput = z.array(z.object({ userId: z.string(), folderId: z.string() }));

export const processMapOutput = z.object({
  folders: foldersOutput,
  flows: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      kind: z.enum(["sop", "mot"]),
      folderId: z.string().nullable(),
      archived: z.boolean(),
      latestVersion: z.number().int().nullable(),
      publishedAt: z.string().nullable(),
      /** Flows this one calls as subflows (its draft). */
      calls: z.array(z.string()),
      /** Called flows republished since this one's latest version inlined them: republish it to take them. */
      staleInlined: z.array(z.string()),
    }),
  ),
});

export const republishedOutput = z.array(z.object({ key: z.string(), version: z.number().int() }));

export const folderGrantInput = z.strictObject({ folderId: z.uuid(), userId: z.string().min(1).max(100) });

const folderMember = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(["admin", "designer", "content-editor", "reviewer", "viewer"]),
});
export const folderAccessOutput = z.object({
  direct: z.array(folderMember.extend({ onlyGrant: z.boolean() })),
  inherited: z.array(folderMember.extend({ from: z.object({ id: z.string(), name: z.string() }) })),
  unlimited: z.array(folderMember),
  admins: z.array(folderMember),
});
