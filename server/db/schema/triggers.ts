// Runs of the `date` and `schedule` start triggers. One row per flow, occurrence and
// customer (none for a run without one): the unique key that makes a trigger start a flow once per
// occurrence, however many processes or duplicate jobs evaluate it. Written in the same transaction as
// the interaction it started.
import { index, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, workspaceId } from "./columns";
import { customers } from "./customers";
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
