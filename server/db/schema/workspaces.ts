// The tenant table. Every table of a workspace's data carries workspace_id (the install-wide ones, such as
// better-auth's users and sessions, do not).
import { sql } from "drizzle-orm";
import { pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";

export const workspaces = pgTable(
  "workspaces",
  {
    id: uuid("id")
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    /** Short, stable handle used by the command line (`--workspace default`). */
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    /** The locale scripts speak to a customer without one (zh-CN when null). */
    defaultLocale: text("default_locale"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    /** Set by an instance administrator: nobody works in it (the studio does not open it, its API keys are refused). */
    archivedAt: timestamp("archived_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [unique("workspaces_slug_unique").on(t.slug)],
);
