// The audit log. Append-only: a trigger (drizzle/*_audit_log_append_only.sql)
// refuses UPDATE, DELETE and TRUNCATE; only a workspace's deletion removes its rows.
import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { id } from "./columns";
import { workspaces } from "./workspaces";

export type AuditActorType = "user" | "system" | "api-key";

export const auditLog = pgTable(
  "audit_log",
  {
    id: id(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** Millisecond precision, as JavaScript dates have: the listing's cursor is exact. */
    at: timestamp("at", { withTimezone: true, mode: "date", precision: 3 }).notNull().defaultNow(),
    actorType: text("actor_type").$type<AuditActorType>().notNull(),
    actorId: text("actor_id"),
    /** The actor's name or e-mail at the time (users get renamed and deleted). */
    actorLabel: text("actor_label").notNull(),
    /** e.g. `apiKey.created`, `flow.published`, `member.roleChanged`. */
    action: text("action").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id"),
    subjectLabel: text("subject_label"),
    before: jsonb("before").$type<unknown>(),
    after: jsonb("after").$type<unknown>(),
  },
  (t) => [
    index("audit_log_workspace_at_idx").on(t.workspaceId, t.at.desc()),
    index("audit_log_workspace_action_idx").on(t.workspaceId, t.action),
  ],
);
