// The engine through its service functions on a real database: every recorded example run, on test
// clocks, ends as the in-memory simulator says; replaying each log reproduces the stored snapshot.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulateRun } from "../../flows";
import type { Caller, Engine } from "../../server/runtime/engine";
import { createRuntimeEngine } from "../../server/services/runtimeEngine";
import { replayInteraction } from "../../server/runtime/replayInteraction";
import { sqlClientFor } from "../../server/db/sqlClient";
import { advanceTestClock } from "../../server/runtime/timers";
import { upsertCustomer } from "../../server/services/customers";
import { importExampleFlows } from "../../server/services/importDocuments";
import { publishedFlowResolver } from "../../server/services/publishing";
import { customerProfile, exampleDocument, exampleRuns, runLines } from "./examples";
import { openTestDatabase, type TestDatabase } from "./testDatabase";

let db: TestDatabase;
let engine: Engine;
let caller: Caller;

beforeAll(async () => {
  db = await openTestDatabase();
  const imported = await importExampleFlows(db.database.db, db.workspaceId);
  expect(imported.filter((r) => !r.ok)).toEqual([]);
  engine = createRuntimeEngine(sqlClientFor(db.database));
  caller = { workspaceId: db.workspaceId, mode: "test" };
});
afterAll(async () => {
  await db?.close();
});

describe("example runs through the engine", () => {
  const runs = exampleRuns();
  it.each(runs.map((run, index) => [`${run.events}`, run, index] as const))("%s", async (_name, run, index) => {
    const customerId = `c-${index}`;
    const { customer } = await upsertCustomer(engine.sql, db.workspaceId, customerId, customerProfile(run.customer));
    const doc = exampleDocument(run.flow);
    let view = await engine.start(caller, {
      flow: run.flow,
      channel: doc.channels[0] ?? "chat",
      customer: { id: customerId },
      context: run.context,
    });
    for (const line of runLines(run)) {
      if ("advance" in line) view = await advanceTestClock(engine, caller, view.id, line.advance);
      else view = await engine.send(caller, view.id, { type: line.type, ...(line.data ? { data: line.data } : {}) });
    }
    expect(view.status).toBe("completed");
    expect(view.outcome).toBe(run.expect.outcome);

    // The same run in memory: same outcome and context.
    const resolveFlow = await publishedFlowResolver(db.database.db, db.workspaceId);
    const customerContext = {
      ...customer.attributes,
      id: customerId,
      tags: [],
      ...(customer.name ? { name: customer.name } : {}),
      ...(customer.birthday ? { birthday: customer.birthday } : {}),
      ...(customer.preferredChannel ? { preferredChannel: customer.preferredChannel } : {}),
    };
    const simulated = simulateRun({
      document: doc,
      events: runLines(run),
      context: run.context,
      customer: customerContext,
      resolveFlow,
    });
    expect(simulated.final.outcome).toBe(run.expect.outcome);
    expect(view.context).toEqual(simulated.final.context);

    const { replayed, stored } = await replayInteraction(engine.sql.query, engine.versions, view.id);
    expect(replayed).toEqual(stored);
  });
});
