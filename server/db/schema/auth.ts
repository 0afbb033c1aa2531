// Studio sign-in (better-auth's user, session, account, verification and rateLimit
// models, mapped by server/auth/auth.ts), workspace memberships with their role, the workspace's
// security settings, and webhook secrets kept valid for a while after a rotation.
import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, pgTable, primaryKey, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, timestamptz, updatedAt, workspaceId } from "./columns";
import { webhooks } from "./outbox";
import { workspaces } from "./workspaces";

export const users = pgTable("users", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  /** Stored lower-cased by better-auth. */
  email: text("email").notNull().unique("users_email_unique"),
  emailVerified: boolean("email_verified").notNull().default(false),
  image: text("image"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** One row per signed-in browser. Only the random token (sent in a signed, httpOnly cookie) finds it. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    token: text("token").notNull().unique("sessions_token_unique"),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamptz("expires_at").notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Credentials; for email + password, `password` holds the argon2id hash. */
export const accounts = pgTable(
  "accounts",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: timestamptz("access_token_expires_at"),
    refreshTokenExpiresAt: timestamptz("refresh_token_expires_at"),
    scope: text("scope"),
    password: text("password"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("accounts_user_idx").on(t.userId)],
);

export const verifications = pgTable(
  "verifications",
  {
    id: text("id").primaryKey(),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: timestamptz("expires_at").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("verifications_identifier_idx").on(t.identifier)],
);

/** Sign-in throttling shared by every process (better-auth's `rateLimit.storage: "database"`, and ours per e-mail). */
export const rateLimits = pgTable("rate_limits", {
  id: text("id").primaryKey(),
  key: text("key").notNull().unique("rate_limits_key_unique"),
  count: integer("count").notNull(),
  /** Unix milliseconds. */
  lastRequest: bigint("last_request", { mode: "number" }).notNull(),
});

export const studioRoles = ["admin", "designer", "content-editor", "reviewer", "viewer"] as const;
export type StudioRole = (typeof studioRoles)[number];

/** A user's role in one workspace; a user may belong to several workspaces. */
export const memberships = pgTable(
  "memberships",
  {
    id: id(),
    workspaceId: workspaceId(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role").$type<StudioRole>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("memberships_workspace_user_unique").on(t.workspaceId, t.userId),
    index("memberships_user_idx").on(t.userId),
    check("memberships_role_check", sql`${t.role} in ('admin', 'designer', 'content-editor', 'reviewer', 'viewer')`),
  ],
);

/** A workspace's security choices. No row means the defaults. */
export const workspaceSettings = pgTable("workspace_settings", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  /** A change cannot be approved or published by the person who made it. */
  requireFourEyes: boolean("require_four_eyes").notNull().default(false),
  /** Webhook targets on private, loopback or link-local addresses (an on-premises gateway). */
  allowPrivateWebhookTargets: boolean("allow_private_webhook_targets").notNull().default(false),
  updatedAt: updatedAt(),
});

/** After a rotation, the previous signing secret stays valid until `expiresAt` (24 h). */
export const webhookPreviousSecrets = pgTable(
  "webhook_previous_secrets",
  {
    webhookId: uuid("webhook_id")
      .notNull()
      .references(() => webhooks.id, { onDelete: "cascade" }),
    workspaceId: workspaceId(),
    secret: text("secret").notNull(),
    expiresAt: timestamptz("expires_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ name: "webhook_previous_secrets_pk", columns: [t.webhookId, t.secret] })],
);

/** Secrets the server generates for itself on first start (the session-signing secret when BETTER_AUTH_SECRET is unset). */
export const serverSecrets = pgTable("server_secrets", {
  name: text("name").primaryKey(),
  value: text("value").notNull(),
  createdAt: createdAt(),
});

/** Operators of the whole installation: they create, rename and archive workspaces (`workspaces.manage`). */
export const instanceAdmins = pgTable("instance_admins", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  createdAt: createdAt(),
});
