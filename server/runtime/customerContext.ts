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
};

/** What a flow sees as `customer`: the profile's fields and its attributes, flattened. */
export function customerContext(row: CustomerContextRow): { [key: string]: JsonValue } {
  const context: { [key: string]: JsonValue } = { ...row.profile, id: row.external_id, tags: row.tags };
  if (row.name !== null) context.name = row.name;
  if (row.birthday !== null) context.birthday = row.birthday;
  if (row.timezone !== null) context.timezone = row.timezone;
  if (row.preferred_channel !== null) context.preferredChannel = row.preferred_channel;
  if (row.locale !== null) context.locale = row.locale;
  return context;
}
