// Named segments (policy@1 `segments`, issue 13 item 1) on PGlite and Postgres: a start node that names a
// segment starts only the customers the segment's expression holds for (and its own audience too, when
// it has one), the segment read from the workspace policy as it is now; a segment the workspace does not
// define starts nobody; the designer's audience count and the customer view count the segment.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "../../server/runtime/engine";
import { createRuntimeEngine } from "../../server/services/runtimeEngine";
import { sqlClientFor } from "../../server/db/sqlClient";
import { runDueTriggers } from "../../server/runtime/triggers";
import { handleCustomerEvent } from "../../server/services/customerEvents";
import { upsertCustomer } from "../../server/services/customers";
import { publishFlow } from "../../server/services/publishing";
import { countAudience } from "../../server/services/mot/audienceCount";
import { customerView } from "../../server/services/mot/customerView";
import { saveWorkspacePolicy } from "../../server/services/mot/workspacePolicyDocument";
import { openTestDatabase, serverUrl, type TestDatabase } from "./testDatabase";

const kinds = serverUrl ? (["pglite", "postgres"] as const) : (["pglite"] as const);

function flowWith(key: string, start: Record<string, unknown>): unknown {
  return {
    schema: "journey-studio/flow@1",
    key,
    name: key,
    kind: "mot",
    channels: ["sms"],
    nodes: [
      { id: "start", type: "start", position: { x: 0, y: 0 }, data: start },
      { id: "greet", type: "stage", position: { x: 0, y: 100 }, data: { stage: "opening" } },
      { id: "done", type: "end", position: { x: 0, y: 200 }, data: { outcome: "resolved" } },
    ],
    edges: [
      { id: "e1", source: "start", target: "greet" },
      { id: "e2", source: "greet", target: "done" },
    ],
  };
}

const birthday = { type: "date", field: "customer.birthday", at: "09:00", timezone: "Asia/Shanghai" };
const ON_THE_DAY = new Date("2027-03-01T01:05:00Z"); // 09:05 in Shanghai on 1 March
const NEXT_YEAR = new Date("2028-03-01T01:05:00Z");
const VIP_SHANGHAI = "'vip' in customer.tags and customer.city == 'Shanghai'";
const policy = (segments: Array<{ name: string; audience: string }>) => ({
  schema: "journey-studio/policy@1",
  segments,
});
const started = (prefix: string) => (runs: Array<{ flow: string; customer: string }>) =>
  runs
    .filter((r) => r.flow === prefix)
    .map((r) => r.customer)
    .sort();

describe.each(kinds)("named segments on %s", (kind) => {
  let db: TestDatabase;
  let engine: Engine;

  beforeAll(async () => {
    db = await openTestDatabase({ kind });
    engine = createRuntimeEngine(sqlClientFor(db.database));
    const people: Array<[string, string[], string, string]> = [
      ["vip-sh", ["vip"], "Shanghai", "gold"],
      ["vip-sh-closed", ["vip"], "Shanghai", "closed"],
      ["vip-bj", ["vip"], "Beijing", "gold"],
      ["plain-sh", [], "Shanghai", "gold"],
    ];
    for (const [id, tags, city, tier] of people)
      await upsertCustomer(engine.sql, db.workspaceId, id, {
        birthday: "1990-03-01",
        timezone: "Asia/Shanghai",
        tags,
        attributes: { city, tier },
      });
    await saveWorkspacePolicy(
      engine.sql.query,
      db.workspaceId,
      policy([{ name: "vip-shanghai", audience: VIP_SHANGHAI }]),
    );
    for (const doc of [
      flowWith("seg-only", { trigger: birthday, segment: "vip-shanghai" }),
      flowWith("seg-and-audience", {
        trigger: birthday,
        segment: "vip-shanghai",
        audience: "customer.tier != 'closed'",
      }),
      flowWith("seg-undefined", { trigger: birthday, segment: "vip-beijing" }),
      flowWith("seg-event", { trigger: { type: "event", event: "store.visited" }, segment: "vip-shanghai" }),
    ]) {
      const published = await publishFlow(db.database.db, db.workspaceId, doc);
      expect(published.ok, JSON.stringify(published)).toBe(true);
    }
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  it("a date trigger with a segment starts only the customers in it, and in its own audience too", async () => {
    const runs = await runDueTriggers(engine, { now: ON_THE_DAY });
    expect(started("seg-only")(runs)).toEqual(["vip-sh", "vip-sh-closed"]);
    expect(started("seg-and-audience")(runs)).toEqual(["vip-sh"]);
    expect(started("seg-undefined")(runs)).toEqual([]);
  });

  it("an event trigger with a segment starts a customer in it and not one outside it", async () => {
    const caller = { workspaceId: db.workspaceId, mode: "live" as const };
    const outside = await handleCustomerEvent(db.database.db, engine, caller, {
      customer: { id: "vip-bj" },
      type: "store.visited",
    });
    expect(outside.started).toEqual([]);
    const inside = await handleCustomerEvent(db.database.db, engine, caller, {
      customer: { id: "vip-sh" },
      type: "store.visited",
    });
    expect(inside.started).toHaveLength(1);
  });

  it("counts the segment in the designer's audience count, and names a segment that is not defined", async () => {
    const query = engine.sql.query;
    expect(await countAudience(query, db.workspaceId, "", "vip-shanghai")).toEqual({
      count: 2,
      total: 4,
      problems: [],
    });
    expect(await countAudience(query, db.workspaceId, "customer.tier == 'gold'", "vip-shanghai")).toMatchObject({
      count: 1,
    });
    const missing = await countAudience(query, db.workspaceId, "", "vip-beijing");
    expect(missing.count).toBe(0);
    expect(missing.problems.join(" ")).toContain("vip-beijing");
  });

  it("lists, in the customer view, the journeys whose segment and audience hold for the customer", async () => {
    const flows = async (id: string) =>
      ((await customerView(engine.sql.query, db.workspaceId, id))?.audiences ?? [])
        .map((a) => a.flow)
        .filter((flow) => flow.startsWith("seg-"))
        .sort();
    expect(await flows("vip-sh")).toEqual(["seg-and-audience", "seg-event", "seg-only"]);
    expect(await flows("vip-sh-closed")).toEqual(["seg-event", "seg-only"]);
    expect(await flows("vip-bj")).toEqual([]);
  });

  it("reads the segment as the policy defines it now: redefined, the next occurrence follows it", async () => {
    await saveWorkspacePolicy(
      engine.sql.query,
      db.workspaceId,
      policy([
        { name: "vip-shanghai", audience: VIP_SHANGHAI },
        { name: "vip-beijing", audience: "'vip' in customer.tags and customer.city == 'Beijing'" },
      ]),
    );
    // This year's occurrence was decided for every customer (the kept-out ones recorded as skipped).
    expect(
      started("seg-undefined")(await runDueTriggers(engine, { now: new Date(ON_THE_DAY.getTime() + 60_000) })),
    ).toEqual([]);
    const runs = await runDueTriggers(engine, { now: NEXT_YEAR });
    expect(started("seg-undefined")(runs)).toEqual(["vip-bj"]);
    // Still running since last year (reentry afterEnd): not started again.
    expect(started("seg-only")(runs)).toEqual([]);
  });
});
