// `interaction.completed` / `interaction.failed` as customer events (CONTRACT §5): a flow whose start
// trigger is that event starts for the customer after any of their interactions ends. The ending step
// wrote an outbox row of that type in its own statement; this turns each row into its starts exactly
// once: the row is taken FOR UPDATE SKIP LOCKED, each start is claimed in trigger_runs (kind
// `interaction-end`, occurrence the row's id) and written, and the row marked dispatched, all in one
// transaction. An interaction such an end started does not start others when it ends (a survey flow
// triggered by interaction.completed would otherwise start itself forever); its end is still a webhook.
import "server-only";
import type { JsonValue } from "../../flows";
import type { SqlQuery } from "../db/sqlClient";
import { customerContext, type CustomerContextRow } from "./customerContext";
import { FLOW_ARCHIVED_SQL } from "./archivedFlow";
import type { Caller, Engine } from "./engine";

const TAKE = `select o.id, o.workspace_id, o.type, o.interaction_id, o.customer_id, i.channel, i.test_clock is not null as test,
    exists (select 1 from trigger_runs r where r.interaction_id = o.interaction_id and r.kind = 'interaction-end') as chained
  from outbox o join interactions i on i.id = o.interaction_id
  where o.type in ('interaction.completed', 'interaction.failed') and o.dispatched_at is null
  order by o.created_at limit 1 for update of o skip locked`;

/** The latest published version of each flow of the workspace, when it is not archived and starts on `$2`. */
const EVENT_FLOWS = `select latest.id from (
    select distinct on (v.flow_id) v.id, v.source from flow_versions v join flows f on f.id = v.flow_id
    where v.workspace_id = $1 and not ${FLOW_ARCHIVED_SQL} order by v.flow_id, v.version desc
  ) latest
  where exists (select 1 from jsonb_array_elements(latest.source -> 'nodes') n
    where n ->> 'type' = 'start' and n -> 'data' -> 'trigger' ->> 'type' = 'event' and n -> 'data' -> 'trigger' ->> 'event' = $2)`;

const CUSTOMER = `select id, external_id, name, birthday::text as birthday, timezone, preferred_channel, locale, tags, profile
  from customers where id = $1`;

const CLAIM_RUN = `insert into trigger_runs (workspace_id, flow_key, kind, occurrence, customer_id) values ($1, $2, 'interaction-end', $3, $4)
  on conflict on constraint trigger_runs_once do nothing returning id`;

type Ended = {
  id: string;
  workspace_id: string;
  type: string;
  interaction_id: string;
  customer_id: string | null;
  channel: string;
  test: boolean;
  chained: boolean;
};

/** Dispatches up to `limit` ended interactions; returns how many it took. */
export async function dispatchEndEvents(engine: Engine, limit = 20): Promise<{ taken: number; started: string[] }> {
  const started: string[] = [];
  let taken = 0;
  for (; taken < limit; taken++) {
    const more = await engine.sql.transaction(async (query) => {
      const row = (await query<Ended>(TAKE))[0];
      if (!row) return false;
      if (row.customer_id !== null && !row.chained) started.push(...(await startFlows(engine, query, row)));
      await query("update outbox set dispatched_at = now() where id = $1", [row.id]);
      return true;
    });
    if (!more) break;
  }
  return { taken, started };
}

async function startFlows(engine: Engine, query: SqlQuery, row: Ended): Promise<string[]> {
  const customerRow = (await query<CustomerContextRow & { id: string }>(CUSTOMER, [row.customer_id]))[0];
  if (!customerRow) return [];
  const customer = {
    rowId: customerRow.id,
    externalId: customerRow.external_id,
    context: customerContext(customerRow),
  };
  const caller: Caller = { workspaceId: row.workspace_id, mode: row.test ? "test" : "live" };
  const ids: string[] = [];
  for (const { id } of await query<{ id: string }>(EVENT_FLOWS, [row.workspace_id, row.type])) {
    const version = await engine.versions.get(id, query);
    const claimed = await query<{ id: string }>(CLAIM_RUN, [row.workspace_id, version.flowKey, row.id, customerRow.id]);
    const runId = claimed[0]?.id;
    if (!runId) continue;
    const channels: readonly string[] = version.document.channels;
    const preferred = customer.context.preferredChannel;
    const channel =
      typeof preferred === "string" && channels.includes(preferred)
        ? preferred
        : channels.includes(row.channel)
          ? row.channel
          : (channels[0] ?? "chat");
    const vars: { [name: string]: JsonValue } = {};
    const view = await engine.startResolved(caller, version, channel, customer, vars, query);
    await query("update trigger_runs set interaction_id = $2 where id = $1", [runId, view.id]);
    ids.push(view.id);
  }
  return ids;
}
