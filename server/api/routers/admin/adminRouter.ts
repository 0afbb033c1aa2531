// The workspace's administration: API keys, webhooks, members, security settings.
// Procedures parse, declare their action (checked by memberProcedure) and call a service.
import "server-only";
import { z } from "zod";
import { createWorkspaceApiKey, listApiKeys, revokeApiKey } from "../../../auth/manageApiKeys";
import { changeWorkspaceSecurity, getWorkspaceSecurity } from "../../../auth/workspaceSecurity";
import { studioRoles } from "../../../db/schema";
import { memberActor } from "../../../services/audit/recordAudit";
import { changeRole, listMembers, removeMember } from "../../../services/members/manageMembers";
import { inviteMember, listInvitations, revokeInvitation } from "../../../services/members/invitations";
import {
  deleteWebhook,
  listWebhooks,
  rotateWebhookSecret,
  saveWebhook,
  webhookChannelSchema,
} from "../../../services/webhooks/manageWebhooks";
import { memberProcedure } from "../../authorize";
import { createTrpcRouter } from "../../trpc";
import { noOutput } from "../common.types";
import { memberSessionOutput } from "../member.types";
import { createdInvitationOutput, invitationsOutput } from "../invitations/invitationsRouter.types";
import {
  apiKeysOutput,
  createdApiKeyOutput,
  membersOutput,
  rotatedSecretOutput,
  savedWebhookOutput,
  webhooksOutput,
  workspaceSecurityOutput,
} from "./adminRouter.types";

const id = z.object({ id: z.uuid() });
const roleSchema = z.enum(studioRoles);

export const adminRouter = createTrpcRouter({
  me: memberProcedure
    .meta({ action: "workspace.read" })
    .output(memberSessionOutput)
    .query(({ ctx }) => ctx.member),

  apiKeys: createTrpcRouter({
    list: memberProcedure
      .meta({ action: "apiKeys.manage" })
      .output(apiKeysOutput)
      .query(({ ctx }) => listApiKeys(ctx.database, ctx.member.workspaceId)),
    create: memberProcedure
      .meta({ action: "apiKeys.manage" })
      .input(z.object({ name: z.string().trim().min(1).max(100), mode: z.enum(["live", "test"]) }))
      .output(createdApiKeyOutput)
      .mutation(({ ctx, input }) =>
        createWorkspaceApiKey(ctx.database, ctx.member.workspaceId, input, { actor: memberActor(ctx.member) }),
      ),
    revoke: memberProcedure
      .meta({ action: "apiKeys.manage" })
      .input(id)
      .output(noOutput)
      .mutation(({ ctx, input }) =>
        revokeApiKey(ctx.database, ctx.member.workspaceId, input.id, { actor: memberActor(ctx.member) }),
      ),
  }),

  webhooks: createTrpcRouter({
    list: memberProcedure
      .meta({ action: "webhooks.manage" })
      .output(webhooksOutput)
      .query(({ ctx }) => listWebhooks(ctx.database.db, ctx.member.workspaceId)),
    save: memberProcedure
      .meta({ action: "webhooks.manage" })
      .input(z.object({ channel: webhookChannelSchema, url: z.string().trim().min(1).max(2000) }))
      .output(savedWebhookOutput)
      .mutation(({ ctx, input }) =>
        saveWebhook(ctx.database.db, ctx.member.workspaceId, input, { actor: memberActor(ctx.member) }),
      ),
    rotateSecret: memberProcedure
      .meta({ action: "webhooks.manage" })
      .input(id)
      .output(rotatedSecretOutput)
      .mutation(({ ctx, input }) =>
        rotateWebhookSecret(ctx.database.db, ctx.member.workspaceId, input.id, { actor: memberActor(ctx.member) }),
      ),
    delete: memberProcedure
      .meta({ action: "webhooks.manage" })
      .input(id)
      .output(noOutput)
      .mutation(({ ctx, input }) =>
        deleteWebhook(ctx.database.db, ctx.member.workspaceId, input.id, { actor: memberActor(ctx.member) }),
      ),
  }),

  members: createTrpcRouter({
    list: memberProcedure
      .meta({ action: "members.read" })
      .output(membersOutput)
      .query(({ ctx }) => listMembers(ctx.database.db, ctx.member.workspaceId)),
    /** The same answer whether or not the e-mail has an account (server/services/members/invitations.ts). */
    invite: memberProcedure
      .meta({ action: "members.manage" })
      .input(z.object({ email: z.email().max(254), role: roleSchema }))
      .output(createdInvitationOutput)
      .mutation(({ ctx, input }) =>
        inviteMember(ctx.database.db, ctx.member.workspaceId, input, { actor: memberActor(ctx.member) }),
      ),
    invitations: memberProcedure
      .meta({ action: "members.manage" })
      .output(invitationsOutput)
      .query(({ ctx }) => listInvitations(ctx.database.db, ctx.member.workspaceId)),
    revokeInvitation: memberProcedure
      .meta({ action: "members.manage" })
      .input(id)
      .output(noOutput)
      .mutation(({ ctx, input }) =>
        revokeInvitation(ctx.database.db, ctx.member.workspaceId, input.id, { actor: memberActor(ctx.member) }),
      ),
    changeRole: memberProcedure
      .meta({ action: "members.manage" })
      .input(z.object({ userId: z.string().min(1).max(100), role: roleSchema }))
      .output(noOutput)
      .mutation(({ ctx, input }) =>
        changeRole(ctx.database.db, ctx.member.workspaceId, input.userId, input.role, {
          actor: memberActor(ctx.member),
        }),
      ),
    remove: memberProcedure
      .meta({ action: "members.manage" })
      .input(z.object({ userId: z.string().min(1).max(100) }))
      .output(noOutput)
      .mutation(({ ctx, input }) =>
        removeMember(ctx.database.db, ctx.member.workspaceId, input.userId, { actor: memberActor(ctx.member) }),
      ),
  }),

  security: createTrpcRouter({
    get: memberProcedure
      .meta({ action: "workspace.read" })
      .output(workspaceSecurityOutput)
      .query(({ ctx }) => getWorkspaceSecurity(ctx.database.db, ctx.member.workspaceId)),
    update: memberProcedure
      .meta({ action: "settings.manage" })
      .input(z.object({ requireFourEyes: z.boolean(), allowPrivateWebhookTargets: z.boolean() }))
      .output(workspaceSecurityOutput)
      .mutation(({ ctx, input }) =>
        changeWorkspaceSecurity(ctx.database.db, ctx.member.workspaceId, input, { actor: memberActor(ctx.member) }),
      ),
  }),
});
