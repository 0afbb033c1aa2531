// The engine through its service functions on a real database: every recorded example run, on test
// clocks, ends as the in-memory simulator says; replaying each log reproduces the stored snapshot.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulateRun } from "../../flows";
import type { Caller, Engine } from "../../server/runtime/engine";
import { createRuntimeEngine } from "../../server/services/runtimeEngine";
import { replayInteraction } from "../../server/runtime/replayInteraction";
import { cancelInteraction } from "../../server/runtime/cancelInteraction";
import { migrationsFolder as migrationsDir } from "../../server/db/migrate";
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

/** What `interactions` says of its path (its length, the open rows by path) is what its path rows say. */
async function expectOpenPathOfRows(id: string) {
  const [held] = await engine.sql.query<{ path_length: number; open_path: Record<string, number> }>(
    "select path_length, open_path from interactions where id = $1",
    [id],
  );
  const rows = await engine.sql.query<{ position: number; path: string; left_at: Date | null }>(
    "select position, path, left_at from interaction_path where interaction_id = $1 order by position",
    [id],
  );
  const open = Object.fromEntries(rows.filter((r) => r.left_at === null).map((r) => [r.path, r.position]));
  expect({ length: held?.path_length, open: held?.open_path }).toEqual({ length: rows.length, open });
}

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
    await expectOpenPathOfRows(view.id);
    for (const line of runLines(run)) {
      if ("advance" in line) view = await advanceTestClock(engine, caller, view.id, line.advance);
      else view = await engine.send(caller, view.id, { type: line.type, ...(line.data ? { data: line.data } : {}) });
      await expectOpenPathOfRows(view.id);
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

describe("migration 0018's backfill of open_path", () => {
  it("gives each running interaction the positions of its open path rows, and leaves ended ones alone", async () => {
    const running = await engine.start(caller, { flow: "fault-diagnosis", channel: "chat", customer: { id: "bf-1" } });
    await engine.send(caller, running.id, { type: "customer.identified" });
    const ended = await engine.start(caller, {
      flow: "card-transfer-stepup",
      channel: "chat",
      customer: { id: "bf-2" },
    });
    await cancelInteraction(engine, caller, ended.id);
    const held = async (id: string) =>
      (await engine.sql.query<{ open_path: object }>("select open_path from interactions where id = $1", [id]))[0]
        ?.open_path;
    const before = await held(running.id);
    expect(Object.keys(before ?? {}).length).toBeGreaterThan(0);
    const migration = readFileSync(path.join(migrationsDir, "0018_path_open_positions.sql"), "utf8");
    const backfill = migration.split("--> statement-breakpoint").find((s) => s.includes("UPDATE"));
    if (!backfill) throw new Error("no backfill in 0018");
    await engine.sql.query("update interactions set open_path = '{}' where id in ($1, $2)", [running.id, ended.id]);
    await engine.sql.query(backfill.replace(/^\s*--.*$/gm, ""));
    expect(await held(running.id)).toEqual(before);
    expect(await held(ended.id)).toEqual({});
    await expectOpenPathOfRows(running.id);
  });
});
