// Invitations to join a workspace: an admin invites an e-mail with a role; whoever holds the link (a
// single-use token, kept only as its SHA-256 hash, valid until `expiresAt`) joins with their account or
// makes one. Nothing here says whether that e-mail has an account.
import { sql } from "drizzle-orm";
import { check, index, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id, timestamptz, workspaceId } from "./columns";
import { users, type StudioRole } from "./auth";

export const workspaceInvitations = pgTable(
  "workspace_invitations",
  {
    id: id(),
    workspaceId: workspaceId(),
    /** Lower-cased. */
    email: text("email").notNull(),
    role: text("role").$type<StudioRole>().notNull(),
    /** Hex SHA-256 of the token in the link; the token itself is shown once, to the inviting admin. */
    tokenHash: text("token_hash").notNull(),
    invitedBy: text("invited_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    expiresAt: timestamptz("expires_at").notNull(),
    acceptedAt: timestamptz("accepted_at"),
    acceptedBy: text("accepted_by").references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamptz("revoked_at"),
  },
  (t) => [
    uniqueIndex("workspace_invitations_token_unique").on(t.tokenHash),
    // One open invitation per e-mail and workspace: inviting again replaces it.
    uniqueIndex("workspace_invitations_open_unique")
      .on(t.workspaceId, t.email)
      .where(sql`${t.acceptedAt} is null and ${t.revokedAt} is null`),
    index("workspace_invitations_workspace_idx").on(t.workspaceId, t.createdAt),
    check(
      "workspace_invitations_role_check",
      sql`${t.role} in ('admin', 'designer', 'content-editor', 'reviewer', 'viewer')`,
    ),
  ],
);
