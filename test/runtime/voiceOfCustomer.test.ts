// Voice of the customer on a real database: survey answers folded by the analytics fold into the
// comments table, tagged with drivers (Chinese words by Intl.Segmenter), a workspace's own taxonomy
// replacing the default one, the Pareto, and the weekly trend; folding twice changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller, Engine } from "../../server/runtime/engine";
import { createRuntimeEngine } from "../../server/services/runtimeEngine";
import { sqlClientFor } from "../../server/db/sqlClient";
import { foldAnalytics } from "../../server/runtime/analyticsFold";
import { importExampleFlows } from "../../server/services/importDocuments";
import { voiceOfCustomer } from "../../server/services/analytics/voiceOfCustomer";
import { flowAnalytics } from "../../server/services/analytics/flowAnalytics";
import { variantFigures } from "../../server/services/analytics/variantFigures";
import { driverRules } from "../../server/services/analytics/analyticsDrivers";
import { openTestDatabase, type TestDatabase } from "./testDatabase";

let db: TestDatabase;
let engine: Engine;
let caller: Caller;
const today = new Date().toISOString().slice(0, 10);

async function survey(csat: number, nps: number, comment: string) {
  const view = await engine.start(caller, { flow: "post-contact-survey", channel: "sms", context: {} });
  await engine.send(caller, view.id, { type: "survey.answered", data: { score: csat } });
  await engine.send(caller, view.id, { type: "survey.answered", data: { score: nps, comment } });
}

/** Folds until the watermark passes now (the fold trusts only what is a second old). */
async function foldAll() {
  const until = Date.now() + 1_100;
  while (Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
  while ((await foldAnalytics(engine.sql)).busy);
}

beforeAll(async () => {
  db = await openTestDatabase();
  await importExampleFlows(db.database.db, db.workspaceId);
  engine = createRuntimeEngine(sqlClientFor(db.database));
  caller = { workspaceId: db.workspaceId, mode: "test" };
  await survey(4, 3, "等待时间太长了，客服态度也不好");
  await survey(4, 5, "排队太久");
  await survey(5, 10, "很满意");
  await survey(3, 6, "问题还是没解决");
  await survey(3, 2, "The agent was rude and I had to wait");
  await foldAll();
}, 120_000);
afterAll(async () => {
  await db?.close();
});

const query = { test: true, flow: "post-contact-survey", from: today, to: today };

describe("voice of the customer", () => {
  it("lists the comments at their node and channel, tagged with drivers", async () => {
    const voice = await voiceOfCustomer(
      engine.sql.query,
      { workspaceId: db.workspaceId, ...query },
      (await driverRules(db.database.db, db.workspaceId)).rules,
    );
    expect(voice.comments.map((c) => [c.node, c.channel, c.score, c.drivers]).sort()).toEqual(
      [
        ["npsSurvey", "sms", 10, []],
        ["npsSurvey", "sms", 2, ["waiting", "attitude"]],
        ["npsSurvey", "sms", 3, ["waiting", "attitude"]],
        ["npsSurvey", "sms", 5, ["waiting"]],
        ["npsSurvey", "sms", 6, ["unresolved"]],
      ].sort(),
    );
    expect(voice.pareto).toEqual([
      { driver: "waiting", count: 3, cumulative: 50 },
      { driver: "attitude", count: 2, cumulative: 83.3 },
      { driver: "unresolved", count: 1, cumulative: 100 },
    ]);
    // Four detractors (0–6) of five answers, one promoter: NPS (1 − 4) / 5 = −60.
    expect(voice.trend).toHaveLength(1);
    expect(voice.trend[0]).toMatchObject({
      nps: { n: 5, score: -60 },
      detractors: 4,
      mix: { waiting: 75, attitude: 50, unresolved: 25 },
    });
    expect(voice.drivers.find((d) => d.driver === "waiting")?.labels).toEqual({ zh: "等待", en: "Waiting" });
  });

  it("uses the workspace's own taxonomy once it has one", async () => {
    await engine.sql.query(
      `insert into analytics_drivers (workspace_id, driver, locale, label, keywords) values
         ($1, 'queue', 'zh', '排队', '["排队"]'::jsonb), ($1, 'queue', 'en', 'Queue', '["wait"]'::jsonb)`,
      [db.workspaceId],
    );
    const voice = await voiceOfCustomer(
      engine.sql.query,
      { workspaceId: db.workspaceId, ...query, node: "npsSurvey" },
      (await driverRules(db.database.db, db.workspaceId)).rules,
    );
    expect(voice.pareto).toEqual([{ driver: "queue", count: 2, cumulative: 100 }]);
    await engine.sql.query("delete from analytics_drivers where workspace_id = $1", [db.workspaceId]);
  });

  it("counts sends, next steps and their test per script variant", async () => {
    const plan: [string, boolean][] = [
      ["a", true],
      ["a", true],
      ["b", true],
      ["b", false],
    ];
    for (const [variant, verified] of plan) {
      const view = await engine.start(caller, {
        flow: "card-transfer-stepup",
        channel: "chat",
        context: { amount: 1200 },
      });
      await engine.send(caller, view.id, { type: "customer.identified" });
      await engine.send(caller, view.id, { type: "answer", data: { value: "transfer" } });
      // The runtime's outbox row for otpSent, with the variant it rendered (the contract's `script` column).
      await engine.sql.query(
        "update outbox set script = jsonb_build_object('key', 'otp-sent', 'version', 1, 'variant', $2::text) where interaction_id = $1",
        [view.id, variant],
      );
      if (verified) await engine.send(caller, view.id, { type: "verify.passed" });
    }
    await foldAll();
    const variants = await variantFigures(engine.sql.query, {
      workspaceId: db.workspaceId,
      test: true,
      flow: "card-transfer-stepup",
      from: today,
      to: today,
    });
    expect(
      variants.map(({ node, script, variant, sends, next, nextRate }) => ({
        node,
        script,
        variant,
        sends,
        next,
        nextRate,
      })),
    ).toEqual([
      { node: "otpSent", script: "otp-sent", variant: "a", sends: 2, next: 2, nextRate: 100 },
      { node: "otpSent", script: "otp-sent", variant: "b", sends: 2, next: 1, nextRate: 50 },
    ]);
    // Two sends each: far from significant.
    expect(variants[0]?.test?.significant).toBe(false);
    expect(variants[0]?.test?.p).toBeGreaterThan(0.2);
  });

  it("changes nothing when folded again", async () => {
    const before = await flowAnalytics(engine.sql.query, { workspaceId: db.workspaceId, ...query });
    await engine.sql.query(
      "update analytics_watermarks set at = '1970-01-01', after_id = '00000000-0000-0000-0000-000000000000'",
    );
    await foldAll();
    const after = await flowAnalytics(engine.sql.query, { workspaceId: db.workspaceId, ...query });
    expect(after.nodes).toEqual(before.nodes);
    expect(after.interactions).toEqual(before.interactions);
    expect(before.interactions.started).toBe(5);
    const comments = await engine.sql.query<{ n: number }>("select count(*)::int as n from analytics_comments");
    expect(comments[0]?.n).toBe(10);
  });
});
