// Exactly-once against a model, over real HTTP: fast-check generates batches of events on one counter
// interaction, sent concurrently within a batch: keyed ones (a small pool of Idempotency-Keys, each with
// one of two bodies, so keys are retried, replayed and reused with another body) and unkeyed ones. A
// keyed call answered 409 IDEMPOTENCY_KEY_IN_USE (its twin is in flight) is retried until it is not. The
// model: every unkeyed event that was acknowledged counts once; every key counts once, for the body that
// claimed it first; every 200 for a key is the same answer; a key's other body is 422
// IDEMPOTENCY_KEY_REUSED. Checked against the counter's value, the history's length and its seqs.
// With a live key, so that each process keeps the rows it wrote (one-round-trip events); on Postgres two
// server processes share the database and each send goes to one of them, chosen by fast-check, so
// each process's cached rows go stale under the other's writes.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishTestFlows } from "./testFlows";
import { prepareDatabase, type Prepared } from "./prepareDatabase";
import { apiClient, startServer, type ApiAnswer, type ApiCall, type ServerProcess } from "./serverProcess";
import { serverUrl } from "./testDatabase";

const kinds = serverUrl ? (["pglite", "postgres"] as const) : (["pglite"] as const);

type Send = { key: number | null; body: 0 | 1; server: 0 | 1 };

const serverArb = fc.constantFrom(0 as const, 1 as const);
const sendArb: fc.Arbitrary<Send> = fc.oneof(
  fc.record({ key: fc.integer({ min: 0, max: 4 }), body: fc.constantFrom(0 as const, 1 as const), server: serverArb }),
  fc.record({ key: fc.constant(null), body: fc.constant(0 as const), server: serverArb }),
);
const batchesArb = fc.array(fc.array(sendArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 });

describe.each(kinds)("exactly-once under random interleavings of keyed and unkeyed events on %s", (kind) => {
  let prepared: Prepared;
  const servers: ServerProcess[] = [];
  let calls: ApiCall[];
  let test: ApiCall;

  beforeAll(async () => {
    prepared = await prepareDatabase(kind, (database, workspaceId) => publishTestFlows(database.db, workspaceId));
    // PGlite is one process: both "servers" are the same one there.
    for (let i = 0; i < (kind === "postgres" ? 2 : 1); i++) servers.push(await startServer(prepared.target));
    calls = servers.map((s) => apiClient(s.url, prepared.keys.live));
    test = calls[0] as ApiCall;
  }, 180_000);
  afterAll(async () => {
    for (const s of servers) await s.stop();
    await prepared?.cleanup();
  });

  it("applies every acknowledged event once and no other, whatever the order", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(batchesArb, async (batches) => {
        run += 1;
        const started = await test("POST", "/interactions", { flow: "test-counter", channel: "chat" });
        expect(started.status).toBe(201);
        const id = String(started.body.id);
        const keyName = (key: number) => `prop-${kind}-${run}-${key}`;

        async function send(item: Send): Promise<ApiAnswer> {
          const body = { type: "tick", data: { body: item.body } };
          const call = calls[item.server] ?? test;
          if (item.key === null) return call("POST", `/interactions/${id}/events`, body);
          for (;;) {
            const res = await call("POST", `/interactions/${id}/events`, body, {
              "idempotency-key": keyName(item.key),
            });
            if (!(res.status === 409 && res.body.code === "IDEMPOTENCY_KEY_IN_USE")) return res;
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        }

        let unkeyed = 0;
        const answers = new Map<number, Array<{ body: 0 | 1; res: ApiAnswer }>>();
        for (const batch of batches) {
          const results = await Promise.all(batch.map(send));
          batch.forEach((item, i) => {
            const res = results[i];
            if (!res) throw new Error("no answer");
            if (item.key === null) {
              expect(res.status, JSON.stringify(res.body)).toBe(200);
              unkeyed += 1;
            } else answers.set(item.key, [...(answers.get(item.key) ?? []), { body: item.body, res }]);
          });
        }

        // Per key: one winning body; all its answers identical; the other body refused as a reuse.
        for (const [key, list] of answers) {
          const ok = list.filter((a) => a.res.status === 200);
          expect(ok.length, `key ${key}: ${JSON.stringify(list.map((a) => a.res.body))}`).toBeGreaterThan(0);
          const winner = ok[0]?.body;
          for (const a of list) {
            if (a.body === winner) {
              expect(a.res.status).toBe(200);
              expect(a.res.body).toEqual(ok[0]?.res.body);
            } else
              expect({ status: a.res.status, code: a.res.body.code }).toEqual({
                status: 422,
                code: "IDEMPOTENCY_KEY_REUSED",
              });
          }
        }

        const applied = unkeyed + answers.size;
        const now = await test("GET", `/interactions/${id}`);
        expect((now.body.context as { count: number }).count).toBe(applied);
        const history = await test("GET", `/interactions/${id}/history`);
        const seqs = (history.body.data as Array<{ seq: number }>).map((e) => e.seq);
        expect(seqs).toEqual(Array.from({ length: applied + 1 }, (_, i) => i));
      }),
      { numRuns: 12 },
    );
  }, 240_000);
});
