// The row cache keeps the row a step wrote as persistSnapshot's plain JSON copy, not copied again
// (server/runtime/interactionRowCache.ts): nothing handed to a caller may share its objects. A caller
// that edits the view it got back (its `context`) must not change what the next event steps from.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller, Engine } from "../../server/runtime/engine";
import { createRuntimeEngine } from "../../server/services/runtimeEngine";
import { sqlClientFor } from "../../server/db/sqlClient";
import { publishTestFlows } from "./testFlows";
import { openTestDatabase, type TestDatabase } from "./testDatabase";

const TICK = { type: "tick" };

describe("the row cache and the views it is written with", () => {
  let db: TestDatabase;
  let caller: Caller;
  let engine: Engine;
  let fresh: Engine;
  beforeAll(async () => {
    db = await openTestDatabase();
    await publishTestFlows(db.database.db, db.workspaceId);
    caller = { workspaceId: db.workspaceId, mode: "live" };
    engine = createRuntimeEngine(sqlClientFor(db.database));
    fresh = createRuntimeEngine(sqlClientFor(db.database)); // reads every row: no cache of its own yet
  });
  afterAll(async () => db?.close());

  it("steps from what was written, whatever a caller does to the views it got", async () => {
    const started = await engine.start(caller, { flow: "test-counter", channel: "chat" });
    (started.context as Record<string, unknown>).count = 900;
    const first = await engine.send(caller, started.id, TICK);
    expect(first.context.count).toBe(1);
    (first.context as Record<string, unknown>).count = 900;
    const second = await engine.send(caller, started.id, TICK);
    expect(second.context.count).toBe(2);
    (second.context as Record<string, unknown>).extra = "x";
    const third = await engine.send(caller, started.id, TICK);
    expect(third.context).toEqual({ count: 3 });
    expect((await fresh.get(caller, started.id)).context).toEqual({ count: 3 });
  });
});
