// The process map: folders of flows that nest (level 2 → level 3 → level 4 processes), and the folders a
// member's work is limited to (a designer edits the flows of their folders only, a reviewer publishes
// there only). A member without grants works in the whole workspace, as their role says.
import { sql } from "drizzle-orm";
import { type AnyPgColumn, check, index, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt, workspaceId } from "./columns";
import { users } from "./auth";

export const flowFolders = pgTable(
  "flow_folders",
  {
    id: id(),
    workspaceId: workspaceId(),
    /** Null: a top-level folder. A folder with flows or subfolders cannot be deleted. */
    parentId: uuid("parent_id").references((): AnyPgColumn => flowFolders.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("flow_folders_sibling_name_unique").on(t.workspaceId, t.parentId, t.name).nullsNotDistinct(),
    index("flow_folders_parent_idx").on(t.workspaceId, t.parentId),
    check("flow_folders_name_check", sql`length(${t.name}) between 1 and 200`),
  ],
);

/** A member's work limited to these folders (and their subfolders) for editing and publishing flows. */
export const folderGrants = pgTable(
  "folder_grants",
  {
    id: id(),
    workspaceId: workspaceId(),
    folderId: uuid("folder_id")
      .notNull()
      .references(() => flowFolders.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    unique("folder_grants_unique").on(t.folderId, t.userId),
    index("folder_grants_user_idx").on(t.workspaceId, t.userId),
  ],
);
