// An event in one round trip: under an Idempotency-Key the claim, the guarded write and the stored
// answer are one statement; without a key, the row this process last wrote saves the read. Counted on
// the real database (a counting wrapper around the engine's SQL client), and the stale cases with two
// engines on one database: a stale row costs one retry, never a wrong transition or a doubled key.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller, Engine } from "../../server/runtime/engine";
import { createRuntimeEngine } from "../../server/services/runtimeEngine";
import { sqlClientFor, type SqlClient, type SqlQuery } from "../../server/db/sqlClient";
import { cancelInteraction } from "../../server/runtime/cancelInteraction";
import { offerIdempotencyKey, requestHash } from "../../server/services/idempotency";
import { replayInteraction } from "../../server/runtime/replayInteraction";
import { upsertCustomer } from "../../server/services/customers";
import { publishTestFlows } from "./testFlows";
import { openTestDatabase, serverUrl, type TestDatabase } from "./testDatabase";
import { whileUncommitted } from "./whileUncommitted";

const kinds = serverUrl ? (["pglite", "postgres"] as const) : (["pglite"] as const);
const TICK = { type: "tick" };

/** The client with every statement counted (a transaction's too, plus its begin and commit). */
function counted(sql: SqlClient): { sql: SqlClient; statements: () => number } {
  let n = 0;
  const count =
    (query: SqlQuery): SqlQuery =>
    (text, params) => {
      n += 1;
      return query(text, params);
    };
  return {
    sql: {
      kind: sql.kind,
      query: count(sql.query),
      transaction: (fn) => {
        n += 2;
        return sql.transaction((query) => fn(count(query)));
      },
    },
    statements: () => n,
  };
}

describe.each(kinds)("events in one round trip on %s", (kind) => {
  let db: TestDatabase;
  let caller: Caller;
  let a: { engine: Engine; statements: () => number };
  let b: Engine;
  beforeAll(async () => {
    db = await openTestDatabase({ kind });
    await publishTestFlows(db.database.db, db.workspaceId);
    caller = { workspaceId: db.workspaceId, mode: "live" };
    const c = counted(sqlClientFor(db.database));
    a = { engine: createRuntimeEngine(c.sql), statements: c.statements };
    b = createRuntimeEngine(sqlClientFor(db.database)); // a second process's engine, its own cache
  });
  afterAll(async () => db?.close());

  const keyRow = (key: string) =>
    a.engine.sql.query<{
      response_status: number | null;
      response_body: unknown;
      applied_interaction_id: string | null;
      completed_at: Date | null;
    }>(
      "select response_status, response_body, applied_interaction_id, completed_at from idempotency_keys where workspace_id = $1 and key = $2",
      [db.workspaceId, key],
    );
  const offer = (key: string, id: string) =>
    offerIdempotencyKey(
      a.engine.sql.query,
      db.workspaceId,
      key,
      requestHash("POST", `/api/v1/interactions/${id}/events`, JSON.stringify(TICK)),
      200,
    );
  const seqs = async (id: string) =>
    (
      await a.engine.sql.query<{ seq: number }>(
        "select seq from interaction_events where interaction_id = $1 order by seq",
        [id],
      )
    ).map((r) => r.seq);
  /** Statements `run` made through engine a. */
  async function costOf<T>(run: () => Promise<T>): Promise<{ value: T; statements: number }> {
    const before = a.statements();
    const value = await run();
    return { value, statements: a.statements() - before };
  }

  it("claims a key, writes the step and stores its exact answer in one statement; a replay changes nothing", async () => {
    const { id } = await a.engine.start(caller, { flow: "test-counter", channel: "chat" });
    const first = offer(`one-${kind}-1`, id);
    // The start left its row in a's cache: the one statement alone.
    const sent = await costOf(() => a.engine.send(caller, id, TICK, { idempotency: first.key }));
    expect(sent.statements).toBe(1);
    expect(first.isStored()).toBe(true);
    expect(first.claimed()).toBeUndefined();
    const [row] = await keyRow(`one-${kind}-1`);
    expect(row).toMatchObject({ response_status: 200, applied_interaction_id: id });
    expect(row?.completed_at).toBeInstanceOf(Date);
    expect(row?.response_body).toEqual({ text: JSON.stringify(sent.value) });

    // And the next one (the row cached by that write).
    const second = offer(`one-${kind}-2`, id);
    const again = await costOf(() => a.engine.send(caller, id, TICK, { idempotency: second.key }));
    expect(again.statements).toBe(1);
    expect(again.value.context.count).toBe(2);

    // The first key again: the statement finds the key taken and writes nothing; the claim says replay.
    const replay = offer(`one-${kind}-1`, id);
    await expect(a.engine.send(caller, id, TICK, { idempotency: replay.key })).rejects.toMatchObject({
      code: "IDEMPOTENCY_KEY_IN_USE",
    });
    expect(replay.isStored()).toBe(false);
    expect(replay.claimed()).toEqual({ kind: "replay", status: 200, text: JSON.stringify(sent.value) });
    expect(await seqs(id)).toEqual([0, 1, 2]);
  });

  it("starts for a known customer in two statements (the version and the customer in one), a new one in more", async () => {
    await upsertCustomer(a.engine.sql, db.workspaceId, `known-${kind}`, {
      name: "Ada",
      addresses: [{ channel: "sms", address: `+4470000${kind.length}` }],
    });
    const inputOf = async (id: string) =>
      (
        await a.engine.sql.query<{ input: { customer: { id: string; name?: string } }; customer_id: string | null }>(
          "select e.data as input, i.customer_id from interactions i join interaction_events e on e.interaction_id = i.id and e.seq = 0 where i.id = $1",
          [id],
        )
      )[0];
    const byId = await costOf(() =>
      a.engine.start(caller, { flow: "test-counter", channel: "chat", customer: { id: `known-${kind}` } }),
    );
    expect(byId.statements).toBe(2);
    expect(byId.value.customer).toEqual({ id: `known-${kind}` });
    expect((await inputOf(byId.value.id))?.input.customer).toMatchObject({ id: `known-${kind}`, name: "Ada" });

    const byAddress = await costOf(() =>
      a.engine.start(caller, {
        flow: "test-counter",
        channel: "chat",
        customer: { channel: "sms", address: `+4470000${kind.length}` },
      }),
    );
    expect(byAddress.statements).toBe(2);
    expect(byAddress.value.customer).toEqual({ id: `known-${kind}` });
    expect((await inputOf(byAddress.value.id))?.customer_id).toBe((await inputOf(byId.value.id))?.customer_id);

    // A customer not on file yet is created (after the version's checks) and started with.
    const fresh = await costOf(() =>
      a.engine.start(caller, { flow: "test-counter", channel: "chat", customer: { id: `new-${kind}` } }),
    );
    expect(fresh.statements).toBe(5); // the lookup, then resolveCustomer (look, insert, read back), the write
    expect((await inputOf(fresh.value.id))?.input.customer).toMatchObject({ id: `new-${kind}` });

    // A flow that does not start creates no customer.
    const customers = async (externalId: string) =>
      (
        await a.engine.sql.query<{ n: number }>(
          "select count(*)::int as n from customers where workspace_id = $1 and external_id = $2",
          [db.workspaceId, externalId],
        )
      )[0]?.n;
    await expect(
      a.engine.start(caller, { flow: "no-such-flow", channel: "chat", customer: { id: `never-${kind}` } }),
    ).rejects.toMatchObject({ code: "FLOW_NOT_FOUND" });
    await expect(
      a.engine.start(caller, { flow: "test-counter", channel: "voice", customer: { id: `never-${kind}` } }),
    ).rejects.toMatchObject({ code: "CHANNEL_NOT_SUPPORTED" });
    expect(await customers(`never-${kind}`)).toBe(0);
  });

  it("sends an unkeyed event on a cached row in one statement, and reads a row it does not hold", async () => {
    const { id } = await b.start(caller, { flow: "test-counter", channel: "chat" });
    expect((await costOf(() => a.engine.send(caller, id, TICK))).statements).toBe(2); // a never saw it
    const cachedSend = await costOf(() => a.engine.send(caller, id, TICK));
    expect(cachedSend.statements).toBe(1);
    expect(cachedSend.value.context.count).toBe(2);
    // What the cache-fed step wrote is what a read shows.
    expect(await b.get(caller, id)).toEqual(cachedSend.value);
  });

  it("a row another engine moved on costs one retry and no wrong transition, keyed or not", async () => {
    const { id } = await a.engine.start(caller, { flow: "test-counter", channel: "chat" });
    await a.engine.send(caller, id, TICK); // a caches seq 1
    await b.send(caller, id, TICK); // the database is at seq 2 now
    // a's cached seq misses the guard: read again, write again.
    const stale = await costOf(() => a.engine.send(caller, id, TICK));
    expect(stale.statements).toBe(3);
    expect(stale.value.context.count).toBe(3);

    await b.send(caller, id, TICK); // a's cache is stale again
    const key = offer(`stale-${kind}`, id);
    const keyed = await a.engine.send(caller, id, TICK, { idempotency: key.key });
    expect(keyed.context.count).toBe(5);
    // The one statement missed, so the key was claimed the slow way and marked applied with the write.
    expect(key.isStored()).toBe(false);
    expect(key.claimed()?.kind).toBe("claimed");
    const [row] = await keyRow(`stale-${kind}`);
    expect(row).toMatchObject({ response_status: null, applied_interaction_id: id });

    expect(await seqs(id)).toEqual([0, 1, 2, 3, 4, 5]);
    expect((await b.get(caller, id)).context.count).toBe(5);
    const { replayed, stored } = await replayInteraction(a.engine.sql.query, a.engine.versions, id);
    expect(replayed).toEqual(stored);
  });

  it("an interaction another engine ended is ended for a stale cache too", async () => {
    const { id } = await a.engine.start(caller, { flow: "test-counter", channel: "chat" });
    await a.engine.send(caller, id, TICK); // cached active, seq 1
    await cancelInteraction(b, caller, id, {});
    await expect(a.engine.send(caller, id, TICK)).rejects.toMatchObject({ code: "INTERACTION_ENDED" });
    const key = offer(`ended-${kind}`, id);
    await expect(a.engine.send(caller, id, TICK, { idempotency: key.key })).rejects.toMatchObject({
      code: "INTERACTION_ENDED",
    });
    expect(key.isStored()).toBe(false);
    expect(key.claimed()?.kind).toBe("claimed"); // claimed, so that the 409 is the key's stored answer
    expect(await seqs(id)).toEqual([0, 1, 2]); // the start, a's tick, the cancel
  });

  // Only Postgres has another connection to race with (PGlite's one connection queues everything).
  it.skipIf(kind !== "postgres")(
    "a key inserted while the statement runs fails it on the unique key, rolling the step back",
    async () => {
      const { id } = await a.engine.start(caller, { flow: "test-counter", channel: "chat" }); // cached
      const key = `race-${kind}`;
      const race = offer(key, id);
      // Another request's claim of the same key, not committed yet: invisible to the statement's check.
      // The statement updates the row and then waits on the key's unique index for that transaction.
      const sending = whileUncommitted(
        db.url!,
        {
          text: "insert into idempotency_keys (workspace_id, key, request_hash, owner) values ($1, $2, $3, gen_random_uuid())",
          values: [db.workspaceId, key, "other-request"],
        },
        () => a.engine.send(caller, id, TICK, { idempotency: race.key }),
      );
      await expect(sending).rejects.toMatchObject({ code: "IDEMPOTENCY_KEY_IN_USE" });
      // The other request holds the key (another body: reused); the step was rolled back with the statement.
      expect(race.isStored()).toBe(false);
      expect(race.claimed()?.kind).toBe("reused");
      expect(await seqs(id)).toEqual([0]);
      expect((await b.get(caller, id)).context.count).toBe(0);
    },
  );

  it("never uses another workspace's or a test-mode row from the cache", async () => {
    const { id } = await a.engine.start(caller, { flow: "test-counter", channel: "chat" });
    await a.engine.send(caller, id, TICK);
    const other: Caller = { workspaceId: "00000000-0000-4000-8000-000000000000", mode: "live" };
    await expect(a.engine.send(other, id, TICK)).rejects.toMatchObject({ code: "INTERACTION_NOT_FOUND" });
    await expect(a.engine.send({ ...caller, mode: "test" }, id, TICK)).rejects.toMatchObject({
      code: "INTERACTION_NOT_FOUND",
    });
    expect(await seqs(id)).toEqual([0, 1]);
  });
});
