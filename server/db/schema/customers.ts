// Customer profiles and the channel addresses that identify them.
import { sql } from "drizzle-orm";
import { date, jsonb, pgTable, text, unique, uuid, index } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt, workspaceId } from "./columns";

export const customers = pgTable(
  "customers",
  {
    id: id(),
    workspaceId: workspaceId(),
    /** The caller's own id for the customer (the `{id}` of the API). */
    externalId: text("external_id").notNull(),
    name: text("name"),
    /** A calendar date, no time zone: 'YYYY-MM-DD'. */
    birthday: date("birthday", { mode: "string" }),
    /** IANA zone, e.g. Asia/Shanghai. */
    timezone: text("timezone"),
    preferredChannel: text("preferred_channel"),
    /** BCP 47 tag, e.g. zh-CN: scripts speak it (else the workspace's default locale). */
    locale: text("locale"),
    tags: text("tags")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Consent per channel: `{ sms: false }` withdraws it; a channel not named has it. */
    consent: jsonb("consent").$type<Record<string, boolean>>().notNull().default({}),
    profile: jsonb("profile").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("customers_workspace_external_id_unique").on(t.workspaceId, t.externalId),
    // The date trigger (server/runtime/triggers.ts): the customers whose birthday falls on a month and
    // day (as month * 100 + day: BIRTHDAY_MONTH_DAY_SQL), a page at a time in id order...
    index("customers_birthday_md_idx").on(
      t.workspaceId,
      sql`((extract(month from ${t.birthday}) * 100 + extract(day from ${t.birthday}))::int)`,
      t.id,
    ),
    // ...and the customers changed since an evaluation, in the order they changed.
    index("customers_updated_idx").on(t.workspaceId, t.updatedAt, t.id),
  ],
);

export const customerAddresses = pgTable(
  "customer_addresses",
  {
    id: id(),
    workspaceId: workspaceId(),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    channel: text("channel").notNull(),
    /** Phone number, e-mail address, WeChat openid, …: whatever the channel routes on. */
    address: text("address").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique("customer_addresses_workspace_channel_address_unique").on(t.workspaceId, t.channel, t.address),
    index("customer_addresses_customer_idx").on(t.customerId),
  ],
);
