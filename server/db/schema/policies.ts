// The workspace policy (CONTRACT §7, `journey-studio/policy@1`): caps and quiet hours across every flow.
import { jsonb, pgTable, uuid } from "drizzle-orm/pg-core";
import { timestamptz } from "./columns";
import { workspaces } from "./workspaces";

/** One policy document per workspace; none means no caps and no quiet hours. */
export const workspacePolicies = pgTable("workspace_policies", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  /** The policy document as imported or saved, parsed with parsePolicyDocument on every read. */
  document: jsonb("document").$type<unknown>().notNull(),
  updatedAt: timestamptz("updated_at").notNull().defaultNow(),
});
