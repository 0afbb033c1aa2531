// POST /events. A customer event starts every published flow whose start trigger
// is that event, and is delivered to the customer's running interactions that wait for it.
import "server-only";
import type { JsonValue } from "../../flows";
import type { Caller, Engine } from "../runtime/engine";
import { AppError } from "../errors/appError";
import { isOptOut } from "../../flows/policy";
import { resolveCustomer, withdrawConsent, type CustomerRef } from "./customers";
import { listPublishedFlows } from "./publishing";
import { claimEventStart } from "../runtime/reentry";
import type { LoadedFlowVersion } from "../runtime/flowVersionCache";
import type { ResolvedCustomer } from "../runtime/engineContext";
import type { Db } from "../db/client";

export type CustomerEvent = { customer: CustomerRef; type: string; data?: { [key: string]: JsonValue } };

export async function handleCustomerEvent(
  db: Db,
  engine: Engine,
  caller: Caller,
  event: CustomerEvent,
): Promise<{ started: string[]; delivered: string[] }> {
  const customer = await resolveCustomer(engine.sql.query, caller.workspaceId, event.customer);
  const optOut = optOutChannel(event);
  if (optOut) {
    await withdrawConsent(engine.sql.query, caller.workspaceId, customer.rowId, optOut);
    customer.context = { ...customer.context, consent: { ...consentOf(customer.context.consent), [optOut]: false } };
  }

  // Deliver first, so that a flow this event starts does not receive it too.
  const running = await engine.sql.query<{ id: string }>(
    `select id from interactions where workspace_id = $1 and customer_id = $2 and status in ('active', 'waiting')
       and (test_clock is not null) = $3 order by created_at`,
    [caller.workspaceId, customer.rowId, caller.mode === "test"],
  );
  const delivered: string[] = [];
  for (const { id } of running) {
    try {
      await engine.send(caller, id, { type: event.type, ...(event.data ? { data: event.data } : {}) });
      delivered.push(id);
    } catch (error) {
      // Not waiting for this event (or ended meanwhile): not delivered, not an error.
      if (!(error instanceof AppError) || error.status >= 500) throw error;
    }
  }

  const started: string[] = [];
  for (const flow of await listPublishedFlows(db, caller.workspaceId)) {
    const trigger = flow.trigger as { type?: unknown; event?: unknown };
    if (flow.archived || trigger.type !== "event" || trigger.event !== event.type) continue;
    const version = await engine.versions.get(flow.versionId);
    const preferred = customer.context.preferredChannel;
    const channels: readonly string[] = version.document.channels;
    const channel = typeof preferred === "string" && channels.includes(preferred) ? preferred : (channels[0] ?? "chat");
    const id = await startOnEvent(engine, caller, version, channel, customer, event);
    if (id) started.push(id);
  }
  return { started, delivered };
}

/**
 * The channel a `message.reply` opt-out (T, TD, 退订, STOP) withdraws consent for: the channel it came
 * on (`data.channel`, else the channel of the address that names the customer).
 */
export function optOutChannel(event: CustomerEvent): string | undefined {
  if (event.type !== "message.reply") return undefined;
  const text = event.data?.text;
  if (typeof text !== "string" || !isOptOut(text)) return undefined;
  const channel = event.data?.channel;
  if (typeof channel === "string" && channel.length > 0) return channel;
  return "channel" in event.customer ? event.customer.channel : undefined;
}

function consentOf(value: JsonValue | undefined): { [channel: string]: JsonValue } {
  return value && typeof value === "object" && !Array.isArray(value) ? value : {};
}

/**
 * Starts a flow its event triggers, for customers its audience holds and whose earlier runs its
 * `reentry` allows: the claim of the occurrence and the start are one transaction, so two processes
 * handling the same event start one journey.
 */
async function startOnEvent(
  engine: Engine,
  caller: Caller,
  version: LoadedFlowVersion,
  channel: string,
  customer: ResolvedCustomer,
  event: CustomerEvent,
): Promise<string | undefined> {
  return engine.sql.transaction(async (query) => {
    const claimed = await claimEventStart(query, version, caller.mode, customer, event.type);
    if (!claimed) return undefined;
    const view = await engine.startResolved(caller, version, channel, customer, event.data ?? {}, query);
    await query("update trigger_runs set interaction_id = $2 where id = $1", [claimed, view.id]);
    return view.id;
  });
}
