// Flows keep a mutable draft; published versions are immutable rows.
import { check, index, integer, jsonb, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { createdAt, id, timestamptz, updatedAt, workspaceId } from "./columns";
import { flowFolders } from "./folders";

export const flows = pgTable(
  "flows",
  {
    id: id(),
    workspaceId: workspaceId(),
    key: text("key").notNull(),
    name: text("name").notNull(),
    kind: text("kind").$type<"sop" | "mot">().notNull(),
    /** The flow document being edited (journey-studio/flow@1); parsed with zod when read. */
    draft: jsonb("draft").$type<unknown>().notNull(),
    /** Who saved the draft last (a user id), for the four-eyes rule at publishing. */
    draftUpdatedById: text("draft_updated_by_id"),
    /** Where the flow sits in the process map (null: at the top). */
    folderId: uuid("folder_id").references(() => flowFolders.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("flows_workspace_key_unique").on(t.workspaceId, t.key),
    check("flows_kind_check", sql`${t.kind} in ('sop', 'mot')`),
  ],
);

/** Never updated once written (a trigger in the migrations refuses UPDATE). Interactions pin one of these. */
export const flowVersions = pgTable(
  "flow_versions",
  {
    id: id(),
    workspaceId: workspaceId(),
    flowId: uuid("flow_id")
      .notNull()
      .references(() => flows.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    /** The flow document as published. */
    source: jsonb("source").$type<unknown>().notNull(),
    /** The compiled, JSON-serialisable XState machine config the runtime runs. */
    compiled: jsonb("compiled").$type<unknown>().notNull(),
    contentHash: text("content_hash").notNull(),
    publishedBy: text("published_by"),
    publishedAt: timestamptz("published_at").notNull().defaultNow(),
    /** What the publisher said changed (the publish confirmation's note). */
    changeNote: text("change_note"),
  },
  (t) => [
    unique("flow_versions_flow_version_unique").on(t.flowId, t.version),
    index("flow_versions_workspace_idx").on(t.workspaceId, t.flowId),
    check("flow_versions_version_positive", sql`${t.version} > 0`),
  ],
);
