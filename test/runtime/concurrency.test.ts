// 40 concurrent events on one interaction: every accepted step has exactly one winner, the seq stays
// contiguous and the log replays to the stored snapshot — with optimistic writes and with row locks.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller, Concurrency } from "../../server/runtime/engine";
import { createRuntimeEngine } from "../../server/services/runtimeEngine";
import { replayInteraction } from "../../server/runtime/replayInteraction";
import { sqlClientFor } from "../../server/db/sqlClient";
import { AppError } from "../../server/errors/appError";
import { publishTestFlows } from "./testFlows";
import { openTestDatabase, type TestDatabase } from "./testDatabase";

let db: TestDatabase;
let caller: Caller;

beforeAll(async () => {
  db = await openTestDatabase({ max: 20 });
  await publishTestFlows(db.database.db, db.workspaceId);
  caller = { workspaceId: db.workspaceId, mode: "live" };
});
afterAll(async () => {
  await db?.close();
});

describe.each(["optimistic", "lock"] as const)("40 concurrent events, %s", (concurrency: Concurrency) => {
  it("all 40 ticks are applied once each, in a contiguous seq", async () => {
    const engine = createRuntimeEngine(sqlClientFor(db.database), { concurrency });
    const started = await engine.start(caller, { flow: "test-counter", channel: "chat" });
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => engine.send(caller, started.id, { type: "tick" })),
    );
    // Each winner saw its own step: the counts it got back are 1…40, each once.
    expect(answers.map((a) => a.context.count).sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    const events = await engine.sql.query<{ seq: number; type: string }>(
      "select seq, type from interaction_events where interaction_id = $1 order by seq",
      [started.id],
    );
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 41 }, (_, i) => i));
    expect((await engine.get(caller, started.id)).context.count).toBe(40);
    const { replayed, stored } = await replayInteraction(engine.sql.query, engine.versions, started.id);
    expect(replayed).toEqual(stored);
  });

  it("a step that ends the interaction has exactly one winner", async () => {
    const engine = createRuntimeEngine(sqlClientFor(db.database), { concurrency });
    const started = await engine.start(caller, { flow: "test-counter", channel: "chat" });
    const settled = await Promise.allSettled(
      Array.from({ length: 40 }, () => engine.send(caller, started.id, { type: "finish" })),
    );
    const winners = settled.filter((s) => s.status === "fulfilled");
    expect(winners.length).toBe(1);
    for (const s of settled) {
      if (s.status === "rejected") {
        expect(s.reason).toBeInstanceOf(AppError);
        expect((s.reason as AppError).code).toBe("INTERACTION_ENDED");
      }
    }
    const events = await engine.sql.query<{ seq: number }>(
      "select seq from interaction_events where interaction_id = $1 order by seq",
      [started.id],
    );
    expect(events.map((e) => e.seq)).toEqual([0, 1]);
  });
});
