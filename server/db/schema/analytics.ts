// Analytics (CONTRACT §8): rollups folded from the step log by a worker, never scanned per view.
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uuid,
} from "drizzle-orm/pg-core";
import { timestamptz, workspaceId } from "./columns";
import { interactions } from "./interactions";

/**
 * One counter per (flow, version, live/test, UTC day of the interaction's start, channel, node, measure,
 * dimension). `node` is '' for flow-level measures (started, completed, outcome). `count` is how many,
 * `sum` what they add up to (a survey's scores, dwell milliseconds).
 */
export const analyticsRollups = pgTable(
  "analytics_rollups",
  {
    workspaceId: workspaceId(),
    flowKey: text("flow_key").notNull(),
    version: integer("version").notNull(),
    test: boolean("test").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    channel: text("channel").notNull(),
    node: text("node").notNull(),
    measure: text("measure").notNull(),
    dim: text("dim").notNull(),
    count: bigint("count", { mode: "number" }).notNull(),
    sum: doublePrecision("sum").notNull(),
  },
  (t) => [
    primaryKey({
      name: "analytics_rollups_pkey",
      columns: [t.workspaceId, t.flowKey, t.test, t.day, t.version, t.channel, t.node, t.measure, t.dim],
    }),
  ],
);

/**
 * What one interaction adds to the rollups as last folded: the next fold of it adds only the
 * difference, so folding an interaction twice (or after a crash) changes nothing.
 */
export const analyticsFacts = pgTable("analytics_facts", {
  interactionId: uuid("interaction_id")
    .primaryKey()
    .references(() => interactions.id, { onDelete: "cascade" }),
  workspaceId: workspaceId(),
  /** The channel the interaction started on (a handoff changes the interaction's channel later). */
  initialChannel: text("initial_channel").notNull(),
  /** [channel, node, measure, dim, count, sum] rows. */
  entries: jsonb("entries").$type<[string, string, string, string, number, number][]>().notNull(),
  foldedAt: timestamptz("folded_at").notNull().defaultNow(),
});

/**
 * How far the fold has read a source: every change before (`at`, `after_id`) is folded. Install-wide
 * (one row per source), not per workspace. `folded_at` is when a fold last ran.
 */
export const analyticsWatermarks = pgTable("analytics_watermarks", {
  source: text("source").primaryKey(),
  at: timestamptz("at").notNull(),
  afterId: uuid("after_id").notNull(),
  foldedAt: timestamptz("folded_at").notNull(),
});

/** Survey answers with the customer's own words (VOC), placed at their node and channel. */
export const analyticsComments = pgTable(
  "analytics_comments",
  {
    workspaceId: workspaceId(),
    interactionId: uuid("interaction_id")
      .notNull()
      .references(() => interactions.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    flowKey: text("flow_key").notNull(),
    version: integer("version").notNull(),
    test: boolean("test").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    node: text("node").notNull(),
    channel: text("channel").notNull(),
    metric: text("metric").notNull(),
    score: integer("score").notNull(),
    comment: text("comment"),
    locale: text("locale"),
    at: timestamptz("at").notNull(),
  },
  (t) => [
    primaryKey({ name: "analytics_comments_pkey", columns: [t.interactionId, t.seq] }),
    index("analytics_comments_flow_day_idx").on(t.workspaceId, t.flowKey, t.test, t.day),
  ],
);

/** A workspace's taxonomy of drivers: keyword rules per locale (`zh` words are matched as words). */
export const analyticsDrivers = pgTable(
  "analytics_drivers",
  {
    workspaceId: workspaceId(),
    driver: text("driver").notNull(),
    locale: text("locale").notNull(),
    label: text("label").notNull(),
    keywords: jsonb("keywords").$type<string[]>().notNull(),
  },
  (t) => [primaryKey({ name: "analytics_drivers_pkey", columns: [t.workspaceId, t.driver, t.locale] })],
);
