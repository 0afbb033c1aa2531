// Customer profiles and the channel addresses that identify them (omnichannel identity).
import "server-only";
import { z } from "zod";
import type { JsonValue } from "../../flows";
import type { SqlClient, SqlQuery } from "../db/sqlClient";
import { AppError } from "../errors/appError";
import { CUSTOMER_CONTEXT_COLUMNS, customerContext } from "../runtime/customerContext";
import type { CustomerRef, ResolvedCustomer } from "../runtime/engineContext";

export type { CustomerRef, ResolvedCustomer };

export type CustomerProfileInput = {
  name?: string | null;
  birthday?: string | null;
  timezone?: string | null;
  preferredChannel?: string | null;
  locale?: string | null;
  tags?: string[];
  attributes?: { [key: string]: JsonValue };
  addresses?: Array<{ channel: string; address: string }>;
  /** Merged into the stored consent: `{ sms: false }` withdraws SMS, other channels keep theirs. */
  consent?: { [channel: string]: boolean };
};

export type Customer = {
  id: string;
  name: string | null;
  birthday: string | null;
  timezone: string | null;
  preferredChannel: string | null;
  locale: string | null;
  tags: string[];
  attributes: { [key: string]: JsonValue };
  addresses: Array<{ channel: string; address: string }>;
  consent: { [channel: string]: boolean };
};

const customerRowSchema = z.object({
  id: z.string(),
  external_id: z.string(),
  name: z.string().nullable(),
  birthday: z.string().nullable(),
  timezone: z.string().nullable(),
  preferred_channel: z.string().nullable(),
  locale: z.string().nullable(),
  tags: z.array(z.string()),
  profile: z.record(z.string(), z.json()),
  consent: z.record(z.string(), z.json()).nullish(),
  addresses: z.record(z.string(), z.json()).nullish(),
});
type CustomerRow = z.infer<typeof customerRowSchema>;

const COLUMNS = CUSTOMER_CONTEXT_COLUMNS;

/** Finds the customer by id or by channel address, creating a bare one when there is none. */
export async function resolveCustomer(
  query: SqlQuery,
  workspaceId: string,
  ref: CustomerRef,
): Promise<ResolvedCustomer> {
  const found = await findCustomer(query, workspaceId, ref);
  if (found) return resolved(found);
  if ("id" in ref) {
    await query(
      "insert into customers (workspace_id, external_id) values ($1, $2) on conflict (workspace_id, external_id) do nothing",
      [workspaceId, ref.id],
    );
  } else {
    const externalId = `${ref.channel}:${ref.address}`;
    await query(
      `with c as (
         insert into customers (workspace_id, external_id) values ($1, $2)
         on conflict (workspace_id, external_id) do update set updated_at = customers.updated_at returning id)
       insert into customer_addresses (workspace_id, customer_id, channel, address) select $1, id, $3, $4 from c
       on conflict (workspace_id, channel, address) do nothing`,
      [workspaceId, externalId, ref.channel, ref.address],
    );
  }
  const created = await findCustomer(query, workspaceId, ref);
  if (!created) throw new Error("customer vanished right after being created");
  return resolved(created);
}

function resolved(row: CustomerRow): ResolvedCustomer {
  return { rowId: row.id, externalId: row.external_id, context: customerContext(row) };
}

async function findCustomer(query: SqlQuery, workspaceId: string, ref: CustomerRef): Promise<CustomerRow | undefined> {
  const rows =
    "id" in ref
      ? await query(`select ${COLUMNS} from customers c where c.workspace_id = $1 and c.external_id = $2`, [
          workspaceId,
          ref.id,
        ])
      : await query(
          `select ${COLUMNS} from customer_addresses a join customers c on c.id = a.customer_id
           where a.workspace_id = $1 and a.channel = $2 and a.address = $3`,
          [workspaceId, ref.channel, ref.address],
        );
  return rows[0] === undefined ? undefined : customerRowSchema.parse(rows[0]);
}

/** PUT /customers/{id}: creates or updates the profile; `addresses`, when given, replaces the customer's list. */
export async function upsertCustomer(
  sql: SqlClient,
  workspaceId: string,
  externalId: string,
  input: CustomerProfileInput,
): Promise<{ customer: Customer; created: boolean }> {
  return sql.transaction(async (query) => {
    const rows = await query<{ id: string; created: boolean }>(
      `insert into customers (workspace_id, external_id, name, birthday, timezone, preferred_channel, tags, profile, locale, consent)
       values ($1, $2, $3, $4::date, $5, $6,
         coalesce(array(select jsonb_array_elements_text($7::jsonb -> 'tags')), '{}'::text[]), coalesce($8::jsonb, '{}'::jsonb), $13,
         coalesce($15::jsonb, '{}'::jsonb))
       on conflict (workspace_id, external_id) do update set
         name = case when $9 then excluded.name else customers.name end,
         birthday = case when $10 then excluded.birthday else customers.birthday end,
         timezone = case when $11 then excluded.timezone else customers.timezone end,
         preferred_channel = case when $12 then excluded.preferred_channel else customers.preferred_channel end,
         locale = case when $14 then excluded.locale else customers.locale end,
         tags = case when $7::jsonb is null then customers.tags else excluded.tags end,
         profile = case when $8::jsonb is null then customers.profile else excluded.profile end,
         consent = case when $15::jsonb is null then customers.consent else customers.consent || $15::jsonb end,
         updated_at = now()
       returning id, (xmax = 0) as created`,
      [
        workspaceId,
        externalId,
        input.name ?? null,
        input.birthday ?? null,
        input.timezone ?? null,
        input.preferredChannel ?? null,
        input.tags === undefined ? null : { tags: input.tags },
        input.attributes ?? null,
        input.name !== undefined,
        input.birthday !== undefined,
        input.timezone !== undefined,
        input.preferredChannel !== undefined,
        input.locale ?? null,
        input.locale !== undefined,
        input.consent ?? null,
      ],
    );
    const row = rows[0];
    if (!row) throw new Error("upsert into customers returned no row");
    if (input.addresses !== undefined) {
      await query("delete from customer_addresses where workspace_id = $1 and customer_id = $2", [workspaceId, row.id]);
      for (const { channel, address } of input.addresses) {
        const taken = await query(
          `insert into customer_addresses (workspace_id, customer_id, channel, address) values ($1, $2, $3, $4)
           on conflict (workspace_id, channel, address) do nothing returning id`,
          [workspaceId, row.id, channel, address],
        );
        if (taken.length === 0)
          throw new AppError("ADDRESS_TAKEN", {
            detail: `${channel} address "${address}" belongs to another customer.`,
          });
      }
    }
    const customer = await getCustomer(query, workspaceId, externalId);
    if (!customer) throw new Error("customer vanished inside its own transaction");
    return { customer, created: row.created };
  });
}

export async function getCustomer(
  query: SqlQuery,
  workspaceId: string,
  externalId: string,
): Promise<Customer | undefined> {
  const rows = await query(`select ${COLUMNS} from customers c where c.workspace_id = $1 and c.external_id = $2`, [
    workspaceId,
    externalId,
  ]);
  if (rows[0] === undefined) return undefined;
  const row = customerRowSchema.parse(rows[0]);
  const addresses = await query<{ channel: string; address: string }>(
    "select channel, address from customer_addresses where customer_id = $1 order by channel, address",
    [row.id],
  );
  return {
    id: row.external_id,
    name: row.name,
    birthday: row.birthday,
    timezone: row.timezone,
    preferredChannel: row.preferred_channel,
    locale: row.locale,
    tags: row.tags,
    attributes: row.profile,
    addresses: addresses.map((a) => ({ channel: a.channel, address: a.address })),
    consent: consentOf(row.consent),
  };
}

function consentOf(value: { [key: string]: JsonValue } | null | undefined): { [channel: string]: boolean } {
  const consent: { [channel: string]: boolean } = {};
  for (const [channel, given] of Object.entries(value ?? {})) if (typeof given === "boolean") consent[channel] = given;
  return consent;
}

/** Withdraws consent for one channel (an opt-out reply); true when it was not withdrawn before. */
export async function withdrawConsent(
  query: SqlQuery,
  workspaceId: string,
  customerRowId: string,
  channel: string,
): Promise<boolean> {
  const rows = await query<{ id: string }>(
    `update customers set consent = consent || jsonb_build_object($3::text, false), updated_at = now()
     where workspace_id = $1 and id = $2 and (consent -> $3) is distinct from 'false'::jsonb returning id`,
    [workspaceId, customerRowId, channel],
  );
  return rows.length > 0;
}
