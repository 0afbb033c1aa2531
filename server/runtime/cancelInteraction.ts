// POST /interactions/{id}/cancel. Ends a running interaction from outside its flow:
// `status: "failed"`, `outcome: "cancelled"`, its pending timers cancelled and an `interaction.cancelled`
// entry in its history and the `interaction.failed` delivery, in one guarded write under the row's lock. The snapshot stays as it was (the log
// replays to it: replayInteraction skips the entry).
import "server-only";
import { AppError } from "../errors/appError";
import type { Caller, Engine } from "./engine";
import type { InteractionView } from "./interactionView";

export const CANCELLED_EVENT = "interaction.cancelled";

const CANCEL = `
with u as (
  update interactions set status = 'failed', outcome = 'cancelled', seq = seq + 1, updated_at = now()
  where id = $1 and seq = $2
  returning id, workspace_id, customer_id, channel, seq
), e as (
  insert into interaction_events (workspace_id, interaction_id, seq, type, data, from_node, to_node, at)
  select workspace_id, id, seq, '${CANCELLED_EVENT}', $3::jsonb, $4, null, coalesce($5::timestamptz, now()) from u
), c as (
  update timers set cancelled_at = now()
  where interaction_id = $1 and fired_at is null and cancelled_at is null and exists (select 1 from u)
), o as (
  insert into outbox (workspace_id, interaction_id, customer_id, channel, type, payload)
  select workspace_id, id, customer_id, 'all', 'interaction.failed',
    $6::jsonb || jsonb_build_object('status', 'failed', 'outcome', 'cancelled', 'channel', channel) from u
)
select seq from u`;

export async function cancelInteraction(
  engine: Engine,
  caller: Caller,
  id: string,
  input: { reason?: string } = {},
): Promise<InteractionView> {
  await engine.sql.transaction(async (query) => {
    const row = await engine.readRow(query, caller, id, true);
    if (!row) throw new AppError("INTERACTION_NOT_FOUND", { detail: `No interaction ${id} in this workspace.` });
    if (row.status === "completed" || row.status === "failed") {
      throw new AppError("INTERACTION_ENDED", {
        detail: `Interaction ${id} has ${row.status}${row.outcome ? ` (outcome ${row.outcome})` : ""}.`,
      });
    }
    const data = input.reason === undefined ? null : { reason: input.reason };
    // The `interaction.failed` webhook and customer event, in the same statement (planStepRows' shape).
    const event = {
      interactionId: row.id,
      flow: row.flow_key,
      customer: row.customer_external_id === null ? null : { id: row.customer_external_id },
    };
    const written = await query(CANCEL, [row.id, row.seq, data, row.current_node, row.test_clock, event]);
    if (written.length === 0) throw new Error("a locked interaction went stale");
  });
  return engine.get(caller, id);
}
