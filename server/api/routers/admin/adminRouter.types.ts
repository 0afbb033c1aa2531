// Response schemas of the admin router (server-side: member roles come from the database schema).
import { z } from "zod";
import { studioRoleOutput } from "../member.types";

const apiKeyModeOutput = z.enum(["live", "test"]);

export const apiKeysOutput = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    mode: apiKeyModeOutput,
    prefix: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  }),
);

/** The new key itself is in `key`, shown once. */
export const createdApiKeyOutput = z.object({
  id: z.string(),
  key: z.string(),
  prefix: z.string(),
  mode: apiKeyModeOutput,
});

export const webhooksOutput = z.array(
  z.object({
    id: z.string(),
    channel: z.string(),
    url: z.string(),
    secretHint: z.string(),
    previousSecretExpiresAt: z.string().nullable(),
    updatedAt: z.string(),
  }),
);

/** `secret`: the signing secret of a new webhook, shown once (null when an existing one was updated). */
export const savedWebhookOutput = z.object({ id: z.string(), secret: z.string().nullable() });

export const rotatedSecretOutput = z.object({ secret: z.string(), previousValidUntil: z.string() });

export const membersOutput = z.array(
  z.object({ userId: z.string(), name: z.string(), email: z.string(), role: studioRoleOutput, since: z.string() }),
);

export const workspaceSecurityOutput = z.object({
  requireFourEyes: z.boolean(),
  allowPrivateWebhookTargets: z.boolean(),
});
