// The rollups equal the raw rows after concurrent load through the API with a kill -9 of the server in
// the middle of it (Postgres only, as test/runtime/crash.test.ts). Eight clients run card-transfer
// journeys (resolved with a CSAT score, rerouted, or left open) while the fold folds; the process dies
// mid-stream (mid-fold, as likely as not: it folds continuously under load), restarts on the same
// database, the clients go on; then every figure of GET /flows/{key}/analytics is held against counts
// taken with SQL straight from interactions, interaction_path and interaction_events.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareDatabase, type Prepared } from "./prepareDatabase";
import { apiClient, startServer, type ApiCall, type ServerProcess } from "./serverProcess";
import { serverUrl } from "./testDatabase";
import { foldedFigures } from "./analyticsFigures";

const CLIENTS = 8;
const KILL_AFTER = 150;
const FLOW = "card-transfer-stepup";

const resolved = (score: number) => [
  { type: "customer.identified" },
  { type: "answer", data: { value: "transfer" } },
  { type: "verify.passed" },
  { type: "next" },
  { type: "transfer.succeeded" },
  { type: "next" },
  { type: "survey.answered", data: { score } },
];
const rerouted = [{ type: "customer.identified" }, { type: "answer", data: { value: "other" } }];
const leftOpen = [{ type: "customer.identified" }];

describe.skipIf(!serverUrl)("analytics rollups after kill -9 under load (Postgres)", () => {
  let prepared: Prepared;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    prepared = await prepareDatabase("postgres");
  });
  afterAll(async () => {
    await server?.stop("SIGKILL");
    await prepared?.cleanup();
  });

  it("folds every step exactly once", { timeout: 180_000 }, async () => {
    server = await startServer(prepared.target, { JOURNEY_TRIGGERS: "off" });
    const first = server;
    let total = 0;
    let killing: Promise<void> | undefined;
    // One journey: start, then its events; stops at the first request the dead process does not answer.
    const journey = async (call: ApiCall, n: number, onAnswer: () => void): Promise<boolean> => {
      const events = n % 3 === 0 ? rerouted : n % 3 === 1 ? resolved(1 + (n % 5)) : leftOpen;
      try {
        const started = await call("POST", "/interactions", {
          flow: FLOW,
          channel: n % 2 ? "app" : "chat",
          context: { amount: 100 },
        });
        expect(started.status).toBe(201);
        onAnswer();
        for (const event of events) {
          const res = await call("POST", `/interactions/${String(started.body.id)}/events`, event);
          expect(res.status).toBe(200);
          onAnswer();
        }
        return true;
      } catch (error) {
        if (error instanceof Error && error.name === "AssertionError") throw error;
        return false; // the connection died with the process
      }
    };
    const call = apiClient(first.url, prepared.keys.live);
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        for (let n = client; ; n += CLIENTS) {
          const alive = await journey(call, n, () => {
            total++;
            if (total >= KILL_AFTER && !killing) killing = first.stop("SIGKILL");
          });
          if (!alive) return;
        }
      }),
    );
    await killing;
    expect(first.child.signalCode).toBe("SIGKILL");

    server = await startServer(prepared.target, { JOURNEY_TRIGGERS: "off" });
    const again = apiClient(server.url, prepared.keys.live);
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        for (let n = 1000 + client; n < 1000 + CLIENTS * 3; n += CLIENTS) {
          expect(await journey(again, n, () => undefined)).toBe(true);
        }
      }),
    );

    const figures = await foldedFigures(again, FLOW);
    const database = await prepared.open();
    try {
      const q = <T extends Record<string, unknown>>(text: string) => database.query<T>(text);
      const [totals] = await q<{ started: number; completed: number }>(
        "select count(*)::int as started, (count(*) filter (where status = 'completed'))::int as completed from interactions",
      );
      expect(figures.interactions.started).toBe(totals?.started);
      expect(figures.interactions.completed).toBe(totals?.completed);
      const outcomes = await q<{ outcome: string; n: number }>(
        "select outcome, count(*)::int as n from interactions where outcome is not null group by outcome",
      );
      expect(figures.interactions.byOutcome).toEqual(Object.fromEntries(outcomes.map((o) => [o.outcome, o.n])));
      const channels = await q<{ channel: string; started: number; completed: number }>(
        // Counted on the channel each started on (the start event keeps it; a handoff changes the interaction's).
        `select coalesce(e.data ->> 'channel', i.channel) as channel, count(*)::int as started,
           (count(*) filter (where i.status = 'completed'))::int as completed
         from interactions i left join interaction_events e on e.interaction_id = i.id and e.seq = 0
         group by 1 order by started desc, channel`,
      );
      expect(figures.channels).toEqual(channels);

      const entered = await q<{ node: string; n: number }>(
        "select node, count(*)::int as n from interaction_path where path = node group by node",
      );
      const exits = await q<{ node: string; outlet: string; n: number }>(
        `select node, outlet, count(*)::int as n from interaction_path
         where path = node and left_at is not null and outlet is not null group by node, outlet`,
      );
      expect(entered.length).toBeGreaterThan(5);
      for (const row of entered) {
        const figure = figures.nodes.find((n) => n.node === row.node);
        const expectedExits = Object.fromEntries(exits.filter((e) => e.node === row.node).map((e) => [e.outlet, e.n]));
        expect({ node: row.node, entered: figure?.entered, exits: figure?.exits }).toEqual({
          node: row.node,
          entered: row.n,
          exits: expectedExits,
        });
      }
      const [csat] = await q<{ n: number; mean: number }>(
        `select count(*)::int as n, round(avg((data ->> 'score')::numeric), 2)::float8 as mean
         from interaction_events where type = 'survey.answered'`,
      );
      expect(csat?.n).toBeGreaterThan(0);
      const survey = figures.nodes.find((n) => n.node === "csatSurvey");
      expect(survey?.csat).toEqual({ n: csat?.n, mean: csat?.mean });
      // The rerouted journeys were the only ones cut short: nothing dropped.
      expect(figures.nodes.reduce((sum, n) => sum + n.dropped, 0)).toBe(0);
    } finally {
      await database.close();
    }
    expect(server.output()).not.toMatch(/\b500\b|Internal|analytics fold failed/);
  });
});
