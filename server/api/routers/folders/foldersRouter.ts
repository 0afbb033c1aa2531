// The process map: folders that nest, moving flows between them, who is limited to which folders,
// the map of which flows call which, and "republish callers". Each procedure declares its action; the
// services check the member's folders with the same policy (server/auth/policy.ts `authorizeInFolder`).
import "server-only";
import {
  createFolder,
  deleteFolder,
  listFolderGrants,
  listFolders,
  moveFlow,
  setFolderGrants,
  updateFolder,
} from "../../../services/flows/flowFolders";
import { processMap, republishCallers } from "../../../services/flows/processMap";
import { folderAccess, grantFolder, revokeFolder } from "../../../services/flows/folderAccess";
import { createTrpcRouter, studioProcedure } from "../../trpc";
import { noOutput } from "../common.types";
import {
  createFolderInput,
  folderAccessOutput,
  folderGrantInput,
  folderIdInput,
  folderOutput,
  foldersOutput,
  grantsOutput,
  moveFlowInput,
  processMapOutput,
  republishCallersInput,
  republishedOutput,
  setGrantsInput,
  updateFolderInput,
} from "./foldersRouter.types";

export const foldersRouter = createTrpcRouter({
  list: studioProcedure
    .meta({ action: "flows.read" })
    .output(foldersOutput)
    .query(({ ctx }) => listFolders(ctx.database.db, ctx.session.workspaceId)),
  map: studioProcedure
    .meta({ action: "flows.read" })
    .output(processMapOutput)
    .query(({ ctx }) => processMap(ctx.database.db, ctx.session.workspaceId)),
  create: studioProcedure
    .meta({ action: "flows.edit" })
    .input(createFolderInput)
    .output(folderOutput)
    .mutation(({ ctx, input }) => createFolder(ctx.database.db, ctx.member, input)),
  update: studioProcedure
    .meta({ action: "flows.edit" })
    .input(updateFolderInput)
    .output(noOutput)
    .mutation(({ ctx, input }) => updateFolder(ctx.database.db, ctx.member, input.id, input)),
  delete: studioProcedure
    .meta({ action: "flows.edit" })
    .input(folderIdInput)
    .output(noOutput)
    .mutation(({ ctx, input }) => deleteFolder(ctx.database.db, ctx.member, input.id)),
  moveFlow: studioProcedure
    .meta({ action: "flows.edit" })
    .input(moveFlowInput)
    .output(noOutput)
    .mutation(({ ctx, input }) => moveFlow(ctx.database.db, ctx.member, input.key, input.folderId)),
  grants: studioProcedure
    .meta({ action: "members.read" })
    .output(grantsOutput)
    .query(({ ctx }) => listFolderGrants(ctx.database.db, ctx.session.workspaceId)),
  setGrants: studioProcedure
    .meta({ action: "members.manage" })
    .input(setGrantsInput)
    .output(noOutput)
    .mutation(({ ctx, input }) => setFolderGrants(ctx.database.db, ctx.member, input.userId, input.folderIds)),
  /** Who may edit and publish this folder's flows (the folder-access page; admins only). */
  access: studioProcedure
    .meta({ action: "members.manage" })
    .input(folderIdInput)
    .output(folderAccessOutput)
    .query(({ ctx, input }) => folderAccess(ctx.database.db, ctx.member, input.id)),
  grant: studioProcedure
    .meta({ action: "members.manage" })
    .input(folderGrantInput)
    .output(noOutput)
    .mutation(({ ctx, input }) => grantFolder(ctx.database.db, ctx.member, input.folderId, input.userId)),
  revokeGrant: studioProcedure
    .meta({ action: "members.manage" })
    .input(folderGrantInput)
    .output(noOutput)
    .mutation(({ ctx, input }) => revokeFolder(ctx.database.db, ctx.member, input.folderId, input.userId)),
  republishCallers: studioProcedure
    .meta({ action: "flows.publish" })
    .input(republishCallersInput)
    .output(republishedOutput)
    .mutation(({ ctx, input }) => republishCallers(ctx.database.db, ctx.member, input.key)),
});
