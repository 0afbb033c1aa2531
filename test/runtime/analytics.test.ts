// GET /flows/{key}/analytics (CONTRACT §8) over real HTTP, on rollups folded by the worker: known runs
// of the examples, every count held against the raw path read over the API and against hand-counted
// figures; CSAT and NPS as §8 defines them (a survey's score also counts on the MOT nodes before it).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareDatabase, type Prepared } from "./prepareDatabase";
import { apiClient, startServer, type ApiCall, type ServerProcess } from "./serverProcess";
import { serverUrl } from "./testDatabase";
import { foldedFigures, rawNodeCounts, type Figures } from "./analyticsFigures";

const kinds = serverUrl ? (["pglite", "postgres"] as const) : (["pglite"] as const);
const runs = path.resolve(import.meta.dirname, "../../flows/examples/runs");

type Line = { type?: string; data?: Record<string, unknown>; advance?: string };

async function runLines(call: ApiCall, id: string, lines: Line[]): Promise<void> {
  for (const line of lines) {
    const res = line.advance
      ? await call("POST", `/interactions/${id}/clock`, { advance: line.advance })
      : await call("POST", `/interactions/${id}/events`, {
          type: line.type,
          ...(line.data ? { data: line.data } : {}),
        });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
}

async function runFile(name: string): Promise<Line[]> {
  const text = await readFile(path.join(runs, name), "utf8");
  return text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as Line);
}

const node = (figures: Figures, id: string) => figures.nodes.find((n) => n.node === id);

describe.each(kinds)("flow analytics over HTTP on %s", (kind) => {
  let prepared: Prepared;
  let server: ServerProcess;
  let test: ApiCall;
  let live: ApiCall;
  let other: ApiCall;
  const card: { id: string; channel: string }[] = [];

  beforeAll(async () => {
    prepared = await prepareDatabase(kind);
    server = await startServer(prepared.target, { JOURNEY_TRIGGERS: "off" });
    test = apiClient(server.url, prepared.keys.test);
    live = apiClient(server.url, prepared.keys.live);
    other = apiClient(server.url, prepared.keys.otherTest);

    // card-transfer-stepup: resolved three times (CSAT 5, 4 and 2), rerouted twice, abandoned (no answer)
    // once, cancelled once; on chat and app.
    const resolved = await runFile("card-transfer-stepup/resolved-small.jsonl");
    const plan: { lines: Line[]; channel: string; context: Record<string, unknown> }[] = [
      ...[5, 4, 2].map((score, i) => ({
        lines: resolved.map((l) =>
          l.type === "survey.answered" ? { ...l, data: { score, comment: i === 2 ? "等待时间太长了" : "很好" } } : l,
        ),
        channel: i === 0 ? "app" : "chat",
        context: { amount: 1200 },
      })),
      ...[0, 1].map(() => ({ lines: [] as Line[], channel: "chat", context: { amount: 0 } })),
      { lines: [] as Line[], channel: "app", context: { amount: 1200 } },
      { lines: [] as Line[], channel: "chat", context: { amount: 120000, hasToken: true } },
    ];
    plan[3]!.lines = await runFile("card-transfer-stepup/rerouted.jsonl");
    plan[4]!.lines = plan[3]!.lines;
    plan[5]!.lines = await runFile("card-transfer-stepup/abandoned-no-answer.jsonl");
    plan[6]!.lines = await runFile("card-transfer-stepup/abandoned-cancelled.jsonl");
    for (const p of plan) {
      const started = await test("POST", "/interactions", {
        flow: "card-transfer-stepup",
        channel: p.channel,
        context: p.context,
      });
      expect(started.status).toBe(201);
      const id = String(started.body.id);
      await runLines(test, id, p.lines);
      card.push({ id, channel: p.channel });
    }
    // One left running on the opening stage.
    const open = await test("POST", "/interactions", { flow: "card-transfer-stepup", channel: "chat", context: {} });
    card.push({ id: String(open.body.id), channel: "chat" });
  }, 240_000);
  afterAll(async () => {
    if (process.env.DEBUG_ANALYTICS) console.log(server?.output().slice(-4000));
    await server?.stop();
    await prepared?.cleanup();
  });

  it("counts every interaction, outcome and channel exactly", async () => {
    const figures = await foldedFigures(test, "card-transfer-stepup");
    expect(figures.interactions).toEqual({
      started: 8,
      completed: 7,
      byOutcome: { resolved: 3, rerouted: 2, abandoned: 2 },
    });
    expect(figures.channels).toEqual([
      { channel: "chat", started: 6, completed: 5 },
      { channel: "app", started: 2, completed: 2 },
    ]);
    expect(figures.lagMs).toBeGreaterThanOrEqual(0);
  });

  it("has per node exactly the entered, exits and dropped of the raw paths", async () => {
    const figures = await foldedFigures(test, "card-transfer-stepup");
    const raw = await rawNodeCounts(
      test,
      card.map((c) => c.id),
    );
    for (const [id, counts] of raw) {
      expect({ id, ...pick(node(figures, id)) }).toEqual({ id, ...counts });
    }
    // Every node of the flow is listed; those never reached with zeros.
    expect(node(figures, "verifyCard")).toMatchObject({ entered: 0, exits: {}, dropped: 0 });
    // Hand-counted: every start passes the opening; the no-answer run drops at probe by its timeout, the
    // cancelled one at confirm.
    expect(node(figures, "opening")).toMatchObject({ entered: 8, exits: { "customer.identified": 7 } });
    expect(node(figures, "probe")).toMatchObject({
      entered: 7,
      exits: { transfer: 4, other: 2, timeout: 1 },
      dropped: 1,
    });
    expect(node(figures, "confirm")?.dropped).toBe(1);
    // The probe's timeout waited PT5M on the test clock; every other answer came at once.
    expect(node(figures, "probe")?.dwellMs?.p50).toBe(0);
    const p90 = node(figures, "probe")?.dwellMs?.p90 ?? 0;
    expect(p90).toBeGreaterThanOrEqual(300_000);
    expect(p90).toBeLessThanOrEqual(330_000);
  });

  it("puts CSAT on the survey node and on the MOT nodes before it, not on others", async () => {
    const figures = await foldedFigures(test, "card-transfer-stepup");
    // (5 + 4 + 2) / 3
    expect(node(figures, "csatSurvey")?.csat).toEqual({ n: 3, mean: 3.67 });
    expect(node(figures, "opening")?.csat).toEqual({ n: 3, mean: 3.67 });
    expect(node(figures, "completion")?.csat).toEqual({ n: 3, mean: 3.67 });
    expect(node(figures, "confirm")?.csat).toBeUndefined();
    // Per channel: the app run answered 5.
    const app = await foldedFigures(test, "card-transfer-stepup", "?channel=app");
    expect(node(app, "csatSurvey")?.csat).toEqual({ n: 1, mean: 5 });
    expect(app.interactions.started).toBe(2);
  });

  it("computes NPS as % promoters − % detractors", async () => {
    const ids: string[] = [];
    for (const nps of [10, 9, 8, 3]) {
      const started = await test("POST", "/interactions", { flow: "post-contact-survey", channel: "sms", context: {} });
      const id = String(started.body.id);
      await runLines(test, id, [
        { type: "survey.answered", data: { score: 4 } },
        { type: "survey.answered", data: { score: nps, comment: nps < 7 ? "客服态度不好" : "fine" } },
      ]);
      ids.push(id);
    }
    const figures = await foldedFigures(test, "post-contact-survey");
    expect(node(figures, "npsSurvey")?.nps).toEqual({ n: 4, score: 25, promoters: 2, passives: 1, detractors: 1 });
    expect(node(figures, "csatSurvey")?.csat).toEqual({ n: 4, mean: 4 });
    expect(figures.interactions.byOutcome).toEqual({ promoter: 2, passive: 1, detractor: 1 });
  });

  it("filters by version and by days, keeps live and test apart, and answers problems", async () => {
    expect((await foldedFigures(test, "card-transfer-stepup", "?version=1")).interactions.started).toBe(8);
    expect((await foldedFigures(test, "card-transfer-stepup", "?version=2")).interactions.started).toBe(0);
    expect(
      (await foldedFigures(test, "card-transfer-stepup", "?from=2020-01-01&to=2020-01-31")).interactions.started,
    ).toBe(0);
    const live0 = await foldedFigures(live, "card-transfer-stepup");
    expect(live0.interactions.started).toBe(0);
    const elsewhere = await other("GET", "/flows/card-transfer-stepup/analytics");
    expect({ status: elsewhere.status, code: elsewhere.body.code }).toEqual({ status: 404, code: "FLOW_NOT_FOUND" });
    const missing = await test("GET", "/flows/no-such-flow/analytics");
    expect({ status: missing.status, code: missing.body.code }).toEqual({ status: 404, code: "FLOW_NOT_FOUND" });
    const bad = await test("GET", "/flows/card-transfer-stepup/analytics?from=yesterday");
    expect({ status: bad.status, code: bad.body.code }).toEqual({ status: 400, code: "VALIDATION_FAILED" });
    const backwards = await test("GET", "/flows/card-transfer-stepup/analytics?from=2026-02-01&to=2026-01-01");
    expect({ status: backwards.status, code: backwards.body.code }).toEqual({ status: 400, code: "VALIDATION_FAILED" });
  });
});

function pick(figures: Figures["nodes"][number] | undefined) {
  return { entered: figures?.entered, exits: figures?.exits, dropped: figures?.dropped };
}
