// kill -9 of the server process under load: no acknowledged event is lost and none is doubled.
// (Postgres only: PGlite runs with fsync off and one process; a hard kill is not its use.)
//
// Eight clients each drive their own interaction of the counter flow (every `tick` adds one, so the
// answer's count names the step it was applied as). After 200 acknowledged events the server gets
// SIGKILL mid-stream; it restarts on the same database and every client sends five more. Then each
// interaction's history holds every acknowledged step exactly once, in a contiguous seq, plus at most
// the one request that was in flight when the process died (applied or not: it was never answered).
// Every other client sends its events with an Idempotency-Key (claimed, written and answered by one
// statement) and, after the restart, first retries the request that was cut off, with its key: those
// clients' logs hold every event exactly once, none left unanswered.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareDatabase, type Prepared } from "./prepareDatabase";
import { apiClient, startServer, type ServerProcess } from "./serverProcess";
import { serverUrl } from "./testDatabase";
import { publishTestFlows } from "./testFlows";

const CLIENTS = 8;
const KILL_AFTER = 200;

describe.skipIf(!serverUrl)("kill -9 under load (Postgres)", () => {
  let prepared: Prepared;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    prepared = await prepareDatabase("postgres", async (database, workspaceId) => {
      await publishTestFlows(database.db, workspaceId);
    });
  });
  afterAll(async () => {
    await server?.stop("SIGKILL");
    await prepared?.cleanup();
  });

  it("loses no acknowledged event and doubles none", { timeout: 120_000 }, async () => {
    server = await startServer(prepared.target);
    const first = server;
    const call = apiClient(first.url, prepared.keys.live);
    const ids: string[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const res = await call("POST", "/interactions", { flow: "test-counter", channel: "chat" });
      expect(res.status).toBe(201);
      ids.push(String(res.body.id));
    }

    // Each client: its acknowledged counts, and whether a request was cut off by the kill.
    const acked: number[][] = ids.map(() => []);
    const cutOff: boolean[] = ids.map(() => false);
    const keyed = (client: number) => client % 2 === 1;
    const inFlight: Array<string | undefined> = ids.map(() => undefined);
    let total = 0;
    let killing: Promise<void> | undefined;
    await Promise.all(
      ids.map(async (id, client) => {
        for (let n = 0; ; n++) {
          let res;
          const key = keyed(client) ? `crash-${client}-${n}` : undefined;
          inFlight[client] = key;
          try {
            res = await call(
              "POST",
              `/interactions/${id}/events`,
              { type: "tick" },
              key ? { "idempotency-key": key } : {},
            );
          } catch {
            cutOff[client] = true; // the connection died with the process
            return;
          }
          expect(res.status).toBe(200);
          acked[client]?.push(Number((res.body.context as { count: number }).count));
          total++;
          if (total >= KILL_AFTER && !killing) killing = first.stop("SIGKILL");
        }
      }),
    );
    await killing;
    expect(first.child.signalCode).toBe("SIGKILL");

    server = await startServer(prepared.target);
    const again = apiClient(server.url, prepared.keys.live);
    for (const [client, id] of ids.entries()) {
      const retry = inFlight[client];
      if (cutOff[client] && retry !== undefined) {
        // The request cut off, again with its key: applied once, whether or not it had been.
        const res = await again("POST", `/interactions/${id}/events`, { type: "tick" }, { "idempotency-key": retry });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        acked[client]?.push(Number((res.body.context as { count: number }).count));
      }
      for (let i = 0; i < 5; i++) {
        const res = await again("POST", `/interactions/${id}/events`, { type: "tick" });
        expect(res.status).toBe(200);
        acked[client]?.push(Number((res.body.context as { count: number }).count));
      }
    }

    for (const [client, id] of ids.entries()) {
      const mine = acked[client] ?? [];
      const history = await again("GET", `/interactions/${id}/history`);
      const events = history.body.data as Array<{ seq: number; type: string }>;
      // Contiguous: 0 (started), then one tick per seq.
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
      expect(events[0]?.type).toBe("interaction.started");
      expect(events.slice(1).every((e) => e.type === "tick")).toBe(true);
      // Every acknowledged step once: the counts answered are distinct steps of the log.
      expect(new Set(mine).size).toBe(mine.length);
      const ticks = events.length - 1;
      expect(mine.every((count) => count >= 1 && count <= ticks)).toBe(true);
      // Nothing doubled: the log has the acknowledged ticks, plus at most the one cut off unanswered.
      const unanswered = ticks - mine.length;
      expect(unanswered).toBeGreaterThanOrEqual(0);
      expect(unanswered).toBeLessThanOrEqual(cutOff[client] && !keyed(client) ? 1 : 0);
      const state = await again("GET", `/interactions/${id}`);
      expect((state.body.context as { count: number }).count).toBe(ticks);
    }
    expect(acked.flat().length).toBeGreaterThanOrEqual(KILL_AFTER + CLIENTS * 5);
    expect(server.output()).not.toMatch(/\b500\b|Internal/);
  });
});
