// Running journeys, their event log and their durable timers.
import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, primaryKey, text, unique, uuid } from "drizzle-orm/pg-core";
import { customers } from "./customers";
import { createdAt, id, timestamptz, updatedAt, workspaceId } from "./columns";
import { flowVersions } from "./flows";

export type InteractionStatus = "active" | "waiting" | "completed" | "failed";

export const interactions = pgTable(
  "interactions",
  {
    id: id(),
    workspaceId: workspaceId(),
    /** The published version this interaction runs on, for its whole life. */
    flowVersionId: uuid("flow_version_id")
      .notNull()
      .references(() => flowVersions.id),
    flowKey: text("flow_key").notNull(),
    version: integer("version").notNull(),
    status: text("status").$type<InteractionStatus>().notNull(),
    channel: text("channel").notNull(),
    customerId: uuid("customer_id").references(() => customers.id, { onDelete: "set null" }),
    /** The persisted XState snapshot. */
    snapshot: jsonb("snapshot").$type<unknown>().notNull(),
    context: jsonb("context").$type<Record<string, unknown>>().notNull().default({}),
    currentNode: text("current_node"),
    /** Sequence number of the last event; writes are guarded by `WHERE seq = expected`. */
    seq: integer("seq").notNull().default(0),
    /** How many rows `interaction_path` holds for it: the next row's position. */
    pathLength: integer("path_length").notNull().default(0),
    /**
     * The positions of its open `interaction_path` rows, by path: a step closes the rows it leaves by
     * primary key (an index on `left_at is null` made every close a non-HOT update and a dead entry).
     */
    openPath: jsonb("open_path").$type<Record<string, number>>().notNull().default({}),
    outcome: text("outcome"),
    /** Started with a test API key: the interaction's own clock (null: live, real time). */
    testClock: timestamptz("test_clock"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("interactions_status_check", sql`${t.status} in ('active', 'waiting', 'completed', 'failed')`),
    // Ascending: a backward scan serves `order by created_at desc, id desc` (newest first).
    index("interactions_workspace_created_idx").on(t.workspaceId, t.createdAt, t.id),
    index("interactions_workspace_customer_idx").on(t.workspaceId, t.customerId),
    index("interactions_workspace_flow_status_idx").on(t.workspaceId, t.flowKey, t.status),
    // The analytics fold reads the interactions changed since its watermark in this order.
    index("interactions_updated_idx").on(t.updatedAt, t.id),
    // Analytics counts live interactions still waiting past their flow's longest timeout as dropped, on
    // every view: an index-only scan of the waiting ones.
    index("interactions_waiting_idx")
      .on(t.workspaceId, t.flowKey, t.updatedAt, t.version, t.channel, t.createdAt, t.currentNode)
      .where(sql`${t.status} in ('active', 'waiting') and ${t.testClock} is null`),
  ],
);

/** The ordered, append-only event log. (interaction_id, seq) is the primary key, hence unique. */
export const interactionEvents = pgTable(
  "interaction_events",
  {
    workspaceId: workspaceId(),
    interactionId: uuid("interaction_id")
      .notNull()
      .references(() => interactions.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    type: text("type").notNull(),
    data: jsonb("data").$type<unknown>(),
    fromNode: text("from_node"),
    toNode: text("to_node"),
    at: timestamptz("at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: "interaction_events_pkey", columns: [t.interactionId, t.seq] })],
);

/**
 * Durable timers: rows with a due time, swept by a job (never XState `after`, which a persisted
 * snapshot does not bring back). `seq` is the interaction's seq when the timer was set, so the same
 * wait node entered twice gets two timers, and firing one twice finds it already fired.
 */
export const timers = pgTable(
  "timers",
  {
    id: id(),
    workspaceId: workspaceId(),
    interactionId: uuid("interaction_id")
      .notNull()
      .references(() => interactions.id, { onDelete: "cascade" }),
    timerKey: text("timer_key").notNull(),
    seq: integer("seq").notNull(),
    dueAt: timestamptz("due_at").notNull(),
    firedAt: timestamptz("fired_at"),
    cancelledAt: timestamptz("cancelled_at"),
    createdAt: createdAt(),
  },
  (t) => [
    unique("timers_interaction_key_seq_unique").on(t.interactionId, t.timerKey, t.seq),
    index("timers_pending_due_idx")
      .on(t.dueAt)
      .where(sql`${t.firedAt} is null and ${t.cancelledAt} is null`),
  ],
);

/**
 * The path: every node an interaction visited, passing ones included, in order (`position` from 0).
 * Written in the step's statement: the rows of the nodes entered, and `left_at`/`outlet` on the ones
 * the step left (found by position: `interactions.open_path`). A node still open has no `left_at`; an
 * `end` is closed as it is entered. `data` holds what a node records on the path (a handoff: its
 * channel, queue and the context carried).
 */
export const interactionPath = pgTable(
  "interaction_path",
  {
    workspaceId: workspaceId(),
    interactionId: uuid("interaction_id")
      .notNull()
      .references(() => interactions.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    /** The node's id in its flow document; `path` tells apart the same id inside subflows. */
    node: text("node").notNull(),
    path: text("path").notNull(),
    type: text("type").notNull(),
    /** The interaction's seq of the step that entered it. */
    seq: integer("seq").notNull(),
    enteredAt: timestamptz("entered_at").notNull(),
    leftAt: timestamptz("left_at"),
    /** The outlet it was left by (for a stage, the event its edge waits for). */
    outlet: text("outlet"),
    data: jsonb("data").$type<Record<string, unknown>>(),
  },
  (t) => [primaryKey({ name: "interaction_path_pkey", columns: [t.interactionId, t.position] })],
);
