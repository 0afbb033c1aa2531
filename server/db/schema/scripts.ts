// Scripts (what is said or sent at a step) and their reviewed versions.
import { sql } from "drizzle-orm";
import { check, integer, jsonb, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, timestamptz, updatedAt, workspaceId } from "./columns";

export const scripts = pgTable(
  "scripts",
  {
    id: id(),
    workspaceId: workspaceId(),
    key: text("key").notNull(),
    name: text("name").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique("scripts_workspace_key_unique").on(t.workspaceId, t.key)],
);

export type ScriptVersionStatus = "draft" | "in_review" | "approved";

export const scriptVersions = pgTable(
  "script_versions",
  {
    id: id(),
    workspaceId: workspaceId(),
    scriptId: uuid("script_id")
      .notNull()
      .references(() => scripts.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    /** The script document (journey-studio/script@1): Liquid text or Tiptap JSON, never HTML. */
    document: jsonb("document").$type<unknown>().notNull(),
    status: text("status").$type<ScriptVersionStatus>().notNull().default("draft"),
    createdBy: text("created_by"),
    /** User ids behind the names above, for the four-eyes rule. */
    createdById: text("created_by_id"),
    createdAt: createdAt(),
    submittedBy: text("submitted_by"),
    submittedById: text("submitted_by_id"),
    submittedAt: timestamptz("submitted_at"),
    approvedBy: text("approved_by"),
    approvedAt: timestamptz("approved_at"),
    /** The last time a reviewer (or the author) sent this version back from review, and why. */
    returnedBy: text("returned_by"),
    returnedAt: timestamptz("returned_at"),
    returnComment: text("return_comment"),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("script_versions_script_version_unique").on(t.scriptId, t.version),
    check("script_versions_status_check", sql`${t.status} in ('draft', 'in_review', 'approved')`),
  ],
);
