// Runs of the `date` and `schedule` start triggers. One row per flow, occurrence and
// customer (none for a run without one): the unique key that makes a trigger start a flow once per
// occurrence, however many processes or duplicate jobs evaluate it. Written in the same transaction as
// the interaction it started.
import { index, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, timestamptz, updatedAt, workspaceId } from "./columns";
import { customers } from "./customers";
import { flowVersions } from "./flows";
import { interactions } from "./interactions";

export const triggerRuns = pgTable(
  "trigger_runs",
  {
    id: id(),
    workspaceId: workspaceId(),
    flowKey: text("flow_key").notNull(),
    /** `date`, `schedule` or `event`. */
    kind: text("kind").notNull(),
    /** `date`: the customer's occurrence date (YYYY-MM-DD, in their time zone); `schedule`: the cron instant (ISO 8601, UTC). */
    occurrence: text("occurrence").notNull(),
    customerId: uuid("customer_id").references(() => customers.id, { onDelete: "cascade" }),
    interactionId: uuid("interaction_id").references(() => interactions.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    unique("trigger_runs_once").on(t.workspaceId, t.flowKey, t.occurrence, t.customerId).nullsNotDistinct(),
    index("trigger_runs_interaction_idx").on(t.interactionId),
    // Re-entry (`never`, a cooldown): a customer's earlier runs of a flow.
    index("trigger_runs_flow_customer_idx").on(t.workspaceId, t.flowKey, t.customerId, t.createdAt),
  ],
);

/**
 * How far a `date` trigger's evaluation got, per published version (server/runtime/triggers.ts): every
 * customer as of `checked_at` was evaluated for the occurrences due in (`window_from`, `evaluated_at`],
 * and none of them has an occurrence due before `next_due_at`. Until then a minute reads only the
 * customers changed since `checked_at` (less a margin), not the workspace.
 */
export const triggerWatermarks = pgTable("trigger_watermarks", {
  flowVersionId: uuid("flow_version_id")
    .primaryKey()
    .references(() => flowVersions.id, { onDelete: "cascade" }),
  workspaceId: workspaceId(),
  /** The evaluation's "now" (the clock occurrences are due by: real time, or a test's). */
  evaluatedAt: timestamptz("evaluated_at").notNull(),
  /** The oldest due time the last full evaluation covered (the catch-up window's start). */
  windowFrom: timestamptz("window_from").notNull(),
  /** The database's clock when that evaluation began: customers changed since were not all seen. */
  checkedAt: timestamptz("checked_at").notNull(),
  /** The earliest occurrence due after `evaluated_at` among the customers seen (at most the next UTC midnight). */
  nextDueAt: timestamptz("next_due_at").notNull(),
  updatedAt: updatedAt(),
});
