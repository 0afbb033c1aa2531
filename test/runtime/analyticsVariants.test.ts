// Script variants end to end, over real HTTP on PGlite and Postgres: customers run a published flow through
// the runtime API, the runtime picks one of a script's two A/B variants for each (the step's own choice,
// read back from GET /interactions/{id}/messages), the customers of variant A answer more often than those of
// B and score higher; then GET /flows/{key}/analytics/variants gives, per variant, exactly the sends,
// next-step rate and CSAT the test counts from what it sent, and the z-test's verdict.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishFlow } from "../../server/services/publishing";
import { importScriptDocument } from "../../server/services/scripts";
import { foldedFigures, rawNodeCounts } from "./analyticsFigures";
import { prepareDatabase, type Prepared } from "./prepareDatabase";
import { apiClient, startServer, type ApiCall, type ServerProcess } from "./serverProcess";
import { serverUrl } from "./testDatabase";

const kinds = serverUrl ? (["pglite", "postgres"] as const) : (["pglite"] as const);
const FLOW = "ab-offer-flow";

const script = (key: string, texts: string[]) => ({
  schema: "journey-studio/script@1",
  key,
  name: key,
  variants: texts.map((text) => ({ channel: "sms", locale: "zh-CN", weight: 1, text })),
});

const flow = {
  schema: "journey-studio/flow@1",
  key: FLOW,
  name: "A/B offer",
  kind: "sop",
  channels: ["sms"],
  variables: { answer: { type: "string" }, csat: { type: "number" } },
  nodes: [
    { id: "start", type: "start", position: { x: 0, y: 0 }, data: { trigger: { type: "api" } } },
    { id: "offer", type: "message", position: { x: 0, y: 100 }, data: { script: "ab-offer", channel: "sms" } },
    { id: "reply", type: "ask", position: { x: 0, y: 200 }, data: { variable: "answer", timeout: "PT1H" } },
    {
      id: "csat",
      type: "survey",
      position: { x: 0, y: 300 },
      data: { metric: "csat", script: "ab-csat", timeout: "PT1H", variable: "csat" },
    },
    { id: "done", type: "end", position: { x: 0, y: 400 }, data: { outcome: "resolved" } },
    { id: "silent", type: "end", position: { x: 300, y: 300 }, data: { outcome: "no-response" } },
  ],
  edges: [
    { id: "e1", source: "start", target: "offer" },
    { id: "e2", source: "offer", target: "reply" },
    { id: "e3", source: "reply", target: "csat" },
    { id: "e4", source: "reply", sourceHandle: "timeout", target: "silent" },
    { id: "e5", source: "csat", target: "done" },
    { id: "e6", source: "csat", sourceHandle: "timeout", target: "silent" },
  ],
};

type Run = { id: string; variant: string; replied: boolean; csat?: number };
type VariantRow = {
  node: string;
  script: string;
  variant: string;
  sends: number;
  next: number;
  nextRate: number;
  csat?: { n: number; mean: number };
  test: { z: number; p: number; significant: boolean } | null;
};

/** What the test expects per variant, from its own record of what each customer got and did. */
function expected(runs: readonly Run[], variant: string) {
  const mine = runs.filter((r) => r.variant === variant);
  const next = mine.filter((r) => r.replied).length;
  const scores = mine.flatMap((r) => (r.csat === undefined ? [] : [r.csat]));
  const sum = scores.reduce((a, b) => a + b, 0);
  return {
    sends: mine.length,
    next,
    nextRate: Math.round((next * 1000) / mine.length) / 10,
    ...(scores.length ? { csat: { n: scores.length, mean: Math.round((sum / scores.length) * 100) / 100 } } : {}),
  };
}

/** The pooled two-proportion z statistic, as any textbook writes it. */
function pooledZ(x1: number, n1: number, x2: number, n2: number): number {
  const p = (x1 + x2) / (n1 + n2);
  return (x1 / n1 - x2 / n2) / Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
}

describe.each(kinds)("script variants over HTTP on %s", (kind) => {
  let prepared: Prepared;
  let server: ServerProcess;
  let call: ApiCall;
  const runs: Run[] = [];

  beforeAll(async () => {
    prepared = await prepareDatabase(kind, async (database, workspaceId) => {
      for (const doc of [
        script("ab-offer", ["A：本月开通享 9 折，回复 1 办理", "B：回复 1 了解优惠"]),
        script("ab-csat", ["请为本次服务打分（1-5）"]),
      ])
        await importScriptDocument(database.db, workspaceId, doc, { approvedBy: "reviewer" });
      const published = await publishFlow(database.db, workspaceId, flow);
      if (!published.ok) throw new Error(JSON.stringify(published.diagnostics));
    });
    server = await startServer(prepared.target, { JOURNEY_TRIGGERS: "off" });
    call = apiClient(server.url, prepared.keys.test);

    for (let i = 0; i < 40; i++) {
      const started = await call("POST", "/interactions", { flow: FLOW, channel: "sms" });
      expect(started.status, JSON.stringify(started.body)).toBe(201);
      const id = String(started.body.id);
      const messages = await call("GET", `/interactions/${id}/messages`);
      const offer = (messages.body.data as { node: string; script?: { key: string; variant: string } }[]).find(
        (m) => m.node === "offer",
      );
      const variant = String(offer?.script?.variant);
      // Variant A's customers reply, all but every fifth of them score; B's reply one time in four.
      const a = variant.endsWith("#0");
      const replied = a || i % 4 === 0;
      const run: Run = { id, variant, replied };
      if (replied) {
        const res = await call("POST", `/interactions/${id}/events`, { type: "answer", data: { value: "1" } });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        if (!a || i % 5 !== 0) {
          run.csat = a ? 4 + (i % 2) : 2 + (i % 2);
          const answered = await call("POST", `/interactions/${id}/events`, {
            type: "survey.answered",
            data: { score: run.csat },
          });
          expect(answered.body).toMatchObject({ status: "completed", outcome: "resolved" });
        }
      }
      if (run.csat === undefined) {
        const res = await call("POST", `/interactions/${id}/clock`, { advance: "PT2H" });
        expect(res.body).toMatchObject({ status: "completed", outcome: "no-response" });
      }
      runs.push(run);
    }
  }, 240_000);
  afterAll(async () => {
    await server?.stop();
    await prepared?.cleanup();
  });

  it("both variants were sent, each to some customers", () => {
    expect(new Set(runs.map((r) => r.variant))).toEqual(new Set(["sms/zh-CN#0", "sms/zh-CN#1"]));
  });

  it("gives per variant exactly the sends, next-step rate and CSAT the customers produced, and the z-test", async () => {
    const figures = await foldedFigures(call, FLOW);
    const raw = await rawNodeCounts(
      call,
      runs.map((r) => r.id),
    );
    for (const node of ["offer", "reply", "csat"]) {
      const { entered, exits, dropped } = figures.nodes.find((n) => n.node === node) ?? {};
      expect({ node, entered, exits, dropped }).toEqual({ node, ...raw.get(node) });
    }
    const res = await call("GET", `/flows/${FLOW}/analytics/variants`);
    expect(res.status).toBe(200);
    const rows = (res.body.data as VariantRow[]).filter((v) => v.node === "offer");
    expect(rows.map((r) => r.variant).sort()).toEqual(["sms/zh-CN#0", "sms/zh-CN#1"]);
    for (const row of rows) {
      const { test, node, script: key, variant, ...figures } = row;
      expect({ node, key, variant, ...figures }).toEqual({
        node: "offer",
        key: "ab-offer",
        variant,
        ...expected(runs, variant),
      });
      const other = rows.find((r) => r !== row);
      const z = pooledZ(row.next, row.sends, other?.next ?? 0, other?.sends ?? 0);
      expect(test?.z).toBeCloseTo(z, 6);
      expect(test?.significant).toBe(Math.abs(z) > 1.959964);
    }
    // A: every customer replied; B: one in four (40 customers, about 20 each): far beyond chance.
    expect(rows.every((r) => r.test?.significant === true && r.test.p < 0.01)).toBe(true);
    // Only script messages are compared (the fold reads `kind = 'script'`): the survey's question is not.
    expect((res.body.data as VariantRow[]).map((v) => v.node)).toEqual(["offer", "offer"]);
  });

  it("answers 404 for a flow that was never published and 400 for a bad day", async () => {
    expect((await call("GET", "/flows/no-such-flow/analytics/variants")).body).toMatchObject({
      status: 404,
      code: "FLOW_NOT_FOUND",
    });
    expect((await call("GET", `/flows/${FLOW}/analytics/variants?from=2026-02-01&to=2026-01-01`)).body).toMatchObject({
      status: 400,
      code: "VALIDATION_FAILED",
    });
    expect((await call("GET", `/flows/${FLOW}/analytics/variants?from=yesterday`)).status).toBe(400);
  });
});
