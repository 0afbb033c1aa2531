// Workspaces, for instance administrators (`workspaces.manage`): every workspace of the installation,
// create, rename, archive. Members switch between their own workspaces in the studio's header (the
// `journey-workspace` cookie, checked against their memberships on every call).
import "server-only";
import { memberActor } from "../../../services/audit/recordAudit";
import {
  createWorkspaceFor,
  listWorkspaces,
  renameWorkspace,
  setWorkspaceArchived,
} from "../../../services/workspaces/manageWorkspaces";
import { createTrpcRouter, studioProcedure } from "../../trpc";
import { noOutput } from "../common.types";
import {
  archiveWorkspaceInput,
  createWorkspaceInput,
  renameWorkspaceInput,
  workspaceOutput,
  workspacesOutput,
} from "./workspacesRouter.types";

export const workspacesRouter = createTrpcRouter({
  list: studioProcedure
    .meta({ action: "workspaces.manage" })
    .output(workspacesOutput)
    .query(({ ctx }) => listWorkspaces(ctx.database.db)),
  create: studioProcedure
    .meta({ action: "workspaces.manage" })
    .input(createWorkspaceInput)
    .output(workspaceOutput)
    .mutation(({ ctx, input }) =>
      createWorkspaceFor(ctx.database.db, input, ctx.member.user.id, memberActor(ctx.member)),
    ),
  rename: studioProcedure
    .meta({ action: "workspaces.manage" })
    .input(renameWorkspaceInput)
    .output(noOutput)
    .mutation(({ ctx, input }) => renameWorkspace(ctx.database.db, input.id, input.name, memberActor(ctx.member))),
  archive: studioProcedure
    .meta({ action: "workspaces.manage" })
    .input(archiveWorkspaceInput)
    .output(noOutput)
    .mutation(({ ctx, input }) =>
      setWorkspaceArchived(ctx.database.db, input.id, input.archived, memberActor(ctx.member)),
    ),
});
