// Request and response schemas of the invitations router (the link's holder) and of the admin's
// invitation procedures: zod only.
import { z } from "zod";
import { studioRoleOutput } from "../member.types";

// The password rules of sign-in (server/auth/auth.ts: MIN_PASSWORD_LENGTH, maxPasswordLength).
export const invitationToken = z.string().min(20).max(200);
export const tokenInput = z.strictObject({ token: invitationToken });
export const acceptAsNewUserInput = z.strictObject({
  token: invitationToken,
  name: z.string().trim().max(100).default(""),
  password: z.string().min(12).max(256),
});

export const invitationDetailsOutput = z.object({
  workspaceName: z.string(),
  email: z.string(),
  role: studioRoleOutput,
  expiresAt: z.string(),
  hasAccount: z.boolean(),
});
export const acceptedOutput = z.object({ workspaceId: z.string() });
export const acceptedAsNewUserOutput = z.object({ workspaceId: z.string(), email: z.string() });

const invitationView = z.object({
  id: z.string(),
  email: z.string(),
  role: studioRoleOutput,
  createdAt: z.string(),
  expiresAt: z.string(),
  expired: z.boolean(),
  status: z.enum(["pending", "expired"]),
});
export const invitationsOutput = z.array(invitationView);
/** `token`: the link's secret (`/invite/TOKEN`), shown once. */
export const createdInvitationOutput = invitationView.extend({ token: z.string() });
