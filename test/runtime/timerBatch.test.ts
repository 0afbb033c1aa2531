// A sweep writes its batch of timer steps in one statement (writeTransitions); a timer fired on its own
// goes through the engine's one-step write. Two live interactions of the first-120-days example, with the
// same customer data, fired the two ways at every wait, leave the same rows: events, path, outbox, timers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller, Engine } from "../../server/runtime/engine";
import { createRuntimeEngine } from "../../server/services/runtimeEngine";
import { sqlClientFor } from "../../server/db/sqlClient";
import { sweepDueTimers } from "../../server/runtime/timerSweeper";
import { fireDueTimer } from "../../server/runtime/timers";
import { upsertCustomer } from "../../server/services/customers";
import { importExampleFlows } from "../../server/services/importDocuments";
import { customerProfile } from "./examples";
import { openTestDatabase, serverUrl, type TestDatabase } from "./testDatabase";

const kinds = serverUrl ? (["pglite", "postgres"] as const) : (["pglite"] as const);

describe.each(kinds)("timer steps written in a batch on %s", (kind) => {
  let db: TestDatabase;
  let engine: Engine;
  const caller: Caller = { workspaceId: "", mode: "live" };

  beforeAll(async () => {
    db = await openTestDatabase({ kind });
    const imported = await importExampleFlows(db.database.db, db.workspaceId);
    expect(imported.filter((r) => !r.ok)).toEqual([]);
    engine = createRuntimeEngine(sqlClientFor(db.database));
    caller.workspaceId = db.workspaceId;
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  /** The interaction's rows with what differs between two runs (ids, times, the customer) left out. */
  async function rowsOf(id: string, customer: string) {
    const q = engine.sql.query;
    const rows = {
      interaction: await q(
        "select status, outcome, current_node, seq, path_length, open_path, channel from interactions where id = $1",
        [id],
      ),
      events: await q(
        "select seq, type, case when seq = 0 then null else data end as data, from_node, to_node from interaction_events where interaction_id = $1 order by seq",
        [id],
      ),
      path: await q(
        "select position, node, path, type, seq, left_at is null as open, outlet, data from interaction_path where interaction_id = $1 order by position",
        [id],
      ),
      outbox: await q(
        "select type, kind, node, channel, status, reason, script, text, payload - 'interactionId' - 'customer' as payload from outbox where interaction_id = $1 order by created_at, type",
        [id],
      ),
      timers: await q(
        "select timer_key, seq, fired_at is not null as fired, cancelled_at is not null as cancelled from timers where interaction_id = $1 order by seq, timer_key",
        [id],
      ),
    };
    return JSON.parse(JSON.stringify(rows).replaceAll(customer, "C")) as unknown;
  }

  const pending = (id: string) =>
    engine.sql.query<{ id: string }>(
      "select id from timers where interaction_id = $1 and fired_at is null and cancelled_at is null",
      [id],
    );
  const dueNow = (id: string) =>
    engine.sql.query(
      "update timers set due_at = now() - interval '1 second' where interaction_id = $1 and fired_at is null and cancelled_at is null",
      [id],
    );

  it("leaves the same rows as firing each timer on its own, at every wait to the end", async () => {
    const ids: string[] = [];
    for (const customer of ["batch-a", "batch-b"]) {
      await upsertCustomer(engine.sql, db.workspaceId, customer, customerProfile({ name: "王女士", tier: "standard" }));
      await engine.sql.query(
        "insert into customer_addresses (workspace_id, customer_id, channel, address) select workspace_id, id, 'sms', '+86138' || $2 from customers where external_id = $1",
        [customer, String(ids.length).padStart(8, "0")],
      );
      ids.push((await engine.start(caller, { flow: "first-120-days", channel: "sms", customer: { id: customer } })).id);
    }
    const [single, batched] = ids as [string, string];
    let waits = 0;
    while ((await pending(batched)).length > 0) {
      waits++;
      await dueNow(batched);
      expect((await sweepDueTimers(engine, 500)).fired).toBe(1);
      const [timer] = await pending(single);
      if (!timer) throw new Error("the single run has no timer where the batched one has");
      await dueNow(single);
      expect(await fireDueTimer(engine, timer.id)).toBe("fired");
      const one = await rowsOf(single, "batch-a");
      const other = await rowsOf(batched, "batch-b");
      expect(other).toEqual(one);
    }
    expect(waits).toBeGreaterThanOrEqual(3);
    const outbox = await engine.sql.query("select id from outbox where interaction_id = $1", [batched]);
    expect(outbox.length).toBeGreaterThan(3);
  });
});
