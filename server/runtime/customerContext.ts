// What a flow sees as `customer`, from a customers row (starts and start triggers).
import "server-only";
import type { JsonValue } from "../../flows";

/** The columns of a customers row that make up the flow's `customer`. */
export type CustomerContextRow = {
  external_id: string;
  name: string | null;
  birthday: string | null;
  timezone: string | null;
  preferred_channel: string | null;
  locale: string | null;
  tags: string[];
  profile: { [key: string]: JsonValue };
  /** `{ sms: false }` withdraws consent for a channel. */
  consent?: { [channel: string]: JsonValue } | null;
  /** One address per channel (the first by address), null when the customer has none on file. */
  addresses?: { [channel: string]: JsonValue } | null;
};

/** The SQL select list that fills a CustomerContextRow from customers `c`. */
export const CUSTOMER_CONTEXT_COLUMNS =
  "c.id, c.external_id, c.name, c.birthday::text as birthday, c.timezone, c.preferred_channel, c.locale, c.tags, c.profile, c.consent, " +
  "(select jsonb_object_agg(a.channel, a.address) from (select distinct on (a0.channel) a0.channel, a0.address from customer_addresses a0 where a0.customer_id = c.id order by a0.channel, a0.address) a) as addresses";

/**
 * What a flow sees as `customer`: the profile's fields and its attributes, flattened, with `consent`
 * and `addresses` (channel → address) for channel choice.
 */
export function customerContext(row: CustomerContextRow): { [key: string]: JsonValue } {
  const context: { [key: string]: JsonValue } = { ...row.profile, id: row.external_id, tags: row.tags };
  if (row.name !== null) context.name = row.name;
  if (row.birthday !== null) context.birthday = row.birthday;
  if (row.timezone !== null) context.timezone = row.timezone;
  if (row.preferred_channel !== null) context.preferredChannel = row.preferred_channel;
  if (row.locale !== null) context.locale = row.locale;
  context.consent = row.consent ?? {};
  if (row.addresses) context.addresses = row.addresses;
  return context;
}
