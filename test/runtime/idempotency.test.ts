// Idempotency-Key across a crash: the engine marks a claim applied in the transaction of its write, so a
// retry after the server stopped between the write and storing the answer gets the interaction it made
// (nothing doubled, never stuck), and an attempt that lost its claim changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller, Engine } from "../../server/runtime/engine";
import { createRuntimeEngine } from "../../server/services/runtimeEngine";
import { sqlClientFor, type SqlQuery } from "../../server/db/sqlClient";
import { claimIdempotencyKey, CLAIM_LEASE_MS, requestHash } from "../../server/services/idempotency";
import { importExampleFlows } from "../../server/services/importDocuments";
import { prepareDatabase, type Prepared } from "./prepareDatabase";
import { apiClient, startServer } from "./serverProcess";
import { openTestDatabase, serverUrl, type TestDatabase } from "./testDatabase";

const kinds = serverUrl ? (["pglite", "postgres"] as const) : (["pglite"] as const);
const START = { flow: "card-transfer-stepup", channel: "chat", context: { amount: 100 } };

describe.each(kinds)("the engine marks Idempotency-Key claims on %s", (kind) => {
  let db: TestDatabase;
  let engine: Engine;
  let query: SqlQuery;
  let caller: Caller;
  beforeAll(async () => {
    db = await openTestDatabase({ kind });
    expect((await importExampleFlows(db.database.db, db.workspaceId)).filter((r) => !r.ok)).toEqual([]);
    engine = createRuntimeEngine(sqlClientFor(db.database));
    query = engine.sql.query;
    caller = { workspaceId: db.workspaceId, mode: "test" };
  });
  afterAll(async () => db?.close());

  const interactions = async () =>
    Number(
      (
        await query<{ n: string }>("select count(*) as n from interactions where workspace_id = $1", [db.workspaceId])
      )[0]?.n,
    );

  it("records the interaction a start made under a claim, in the same transaction", async () => {
    const claim = await claimIdempotencyKey(query, db.workspaceId, "engine-1", "h1");
    if (claim.kind !== "claimed") throw new Error(claim.kind);
    const view = await engine.start(caller, START, { idempotency: claim });
    const rows = await query<{ applied_interaction_id: string; response_status: number | null }>(
      "select applied_interaction_id, response_status from idempotency_keys where id = $1",
      [claim.id],
    );
    expect(rows[0]).toEqual({ applied_interaction_id: view.id, response_status: null });
    // The answer was never stored (as after a crash): the same key now says what it did.
    expect(await claimIdempotencyKey(query, db.workspaceId, "engine-1", "h1", { takeover: true })).toEqual({
      kind: "applied",
      id: claim.id,
      interactionId: view.id,
    });
  });

  it("changes nothing when the attempt no longer holds its claim", async () => {
    const before = await interactions();
    const claim = await claimIdempotencyKey(query, db.workspaceId, "engine-2", "h2");
    if (claim.kind !== "claimed") throw new Error(claim.kind);
    await query("update idempotency_keys set owner = gen_random_uuid() where id = $1", [claim.id]);
    await expect(engine.start(caller, START, { idempotency: claim })).rejects.toMatchObject({
      code: "IDEMPOTENCY_KEY_IN_USE",
    });
    expect(await interactions()).toBe(before);

    const started = await engine.start(caller, START);
    const event = await claimIdempotencyKey(query, db.workspaceId, "engine-3", "h3");
    if (event.kind !== "claimed") throw new Error(event.kind);
    await query("update idempotency_keys set owner = gen_random_uuid() where id = $1", [event.id]);
    await expect(
      engine.send(caller, started.id, { type: "customer.identified" }, { idempotency: event }),
    ).rejects.toMatchObject({ code: "IDEMPOTENCY_KEY_IN_USE" });
    const history = await query<{ n: string }>(
      "select count(*) as n from interaction_events where interaction_id = $1",
      [started.id],
    );
    expect(Number(history[0]?.n)).toBe(1);
    expect((await engine.get(caller, started.id)).step?.node).toBe(started.step?.node);
  });

  it("lets a start or event take over a claim left unapplied past the lease, and nothing else", async () => {
    await query(
      "insert into idempotency_keys (workspace_id, key, request_hash, owner, created_at) values ($1, 'old', 'h4', gen_random_uuid(), now() - make_interval(secs => $2::double precision / 1000 + 5))",
      [db.workspaceId, CLAIM_LEASE_MS],
    );
    expect((await claimIdempotencyKey(query, db.workspaceId, "old", "h4")).kind).toBe("in-progress");
    expect((await claimIdempotencyKey(query, db.workspaceId, "old", "h4", { takeover: true })).kind).toBe("claimed");
    // Taken over: it is fresh again, held by the new attempt.
    expect((await claimIdempotencyKey(query, db.workspaceId, "old", "h4", { takeover: true })).kind).toBe(
      "in-progress",
    );
  });
});

describe.each(kinds)("a retry after the server stopped between the write and the answer, over HTTP on %s", (kind) => {
  let prepared: Prepared;
  beforeAll(async () => {
    prepared = await prepareDatabase(kind);
  });
  afterAll(async () => prepared?.cleanup());

  it("gets the interaction that was started, with nothing doubled; an unapplied stale claim runs again", async () => {
    // First life of the server: one interaction started.
    let server = await startServer(prepared.target);
    let api = apiClient(server.url, prepared.keys.test);
    const started = await api("POST", "/interactions", START);
    expect(started.status).toBe(201);
    const id = String(started.body.id);
    await server.stop();

    // What a crash leaves: the start applied under "crash-1" but no answer stored; "crash-2" claimed
    // long ago and never applied.
    const database = await prepared.open();
    const query = sqlClientFor(database).query;
    const hash = requestHash("POST", "/api/v1/interactions", JSON.stringify(START));
    await query(
      "insert into idempotency_keys (workspace_id, key, request_hash, owner, applied_interaction_id, applied_at) values ($1, 'crash-1', $2, gen_random_uuid(), $3, now())",
      [prepared.keys.workspaceId, hash, id],
    );
    await query(
      "insert into idempotency_keys (workspace_id, key, request_hash, owner, created_at) values ($1, 'crash-2', $2, gen_random_uuid(), now() - interval '1 hour')",
      [prepared.keys.workspaceId, hash],
    );
    await database.close();

    server = await startServer(prepared.target);
    try {
      api = apiClient(server.url, prepared.keys.test);
      const count = async () => ((await api("GET", "/interactions?limit=200")).body.data as unknown[]).length;
      const before = await count();
      const replayed = await api("POST", "/interactions", START, { "idempotency-key": "crash-1" });
      expect(replayed.status).toBe(201);
      expect(replayed.headers.get("idempotent-replayed")).toBe("true");
      expect(replayed.body.id).toBe(id);
      expect(await count()).toBe(before);

      const rerun = await api("POST", "/interactions", START, { "idempotency-key": "crash-2" });
      expect(rerun.status).toBe(201);
      expect(rerun.body.id).not.toBe(id);
      const again = await api("POST", "/interactions", START, { "idempotency-key": "crash-2" });
      expect(again.body.id).toBe(rerun.body.id);
      expect(await count()).toBe(before + 1);
      expect(server.output()).not.toContain(" 500");
    } finally {
      await server.stop();
    }
  });
});
