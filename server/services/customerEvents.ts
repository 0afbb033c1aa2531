// POST /events. A customer event starts every published flow whose start trigger
// is that event, and is delivered to the customer's running interactions that wait for it.
import "server-only";
import type { JsonValue } from "../../flows";
import type { Caller, Engine } from "../runtime/engine";
import { AppError } from "../errors/appError";
import { resolveCustomer, type CustomerRef } from "./customers";
import { listPublishedFlows } from "./publishing";
import type { Db } from "../db/client";

export type CustomerEvent = { customer: CustomerRef; type: string; data?: { [key: string]: JsonValue } };

export async function handleCustomerEvent(
  db: Db,
  engine: Engine,
  caller: Caller,
  event: CustomerEvent,
): Promise<{ started: string[]; delivered: string[] }> {
  const customer = await resolveCustomer(engine.sql.query, caller.workspaceId, event.customer);

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
    const view = await engine.startResolved(caller, version, channel, customer, event.data ?? {});
    started.push(view.id);
  }
  return { started, delivered };
}
