// The Postgres server restarts under load: a scratch cluster of our own (Debian's initdb and
// pg_ctl, run as the `postgres` user, on its own port: the shared server is never touched) is stopped
// for a few seconds and started again while eight clients send events with Idempotency-Keys and 100
// timers fall due. Checked: the server process lives through it; every error is problem+json with a
// code (503 DATABASE_UNAVAILABLE with Retry-After while the database is away); no request takes longer
// than the bounded timeouts; health says the database is down, then up; every acknowledged event is in
// the log exactly once (each client retries its event under the same key until it is acknowledged, so
// the log holds exactly the acknowledged events); every timer that fell due during the outage fires
// once; and the time to recover is printed.
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../../server/auth/apiKeys";
import { createDatabase } from "../../server/db/client";
import { runMigrations } from "../../server/db/migrate";
import { sqlClientFor } from "../../server/db/sqlClient";
import { seedDefaultWorkspace } from "../../server/services/seed";
import { apiClient, startServer, type ApiAnswer, type ServerProcess } from "../runtime/serverProcess";
import { publishTestFlows } from "../runtime/testFlows";

const CLIENTS = 8;
const TIMERS = 100;
const CONNECT_TIMEOUT_MS = 1_000;
const STATEMENT_TIMEOUT_MS = 3_000;
/** No request may take longer: a few bounded waits of a request's statements, with room for a busy machine. */
const REQUEST_LIMIT_MS = CONNECT_TIMEOUT_MS + STATEMENT_TIMEOUT_MS + 1_000;
const OUTAGE_MS = 3_000;

function postgresBin(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, "bin", "pg_ctl")) && existsSync(path.join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], "bin") : undefined;
}

const bin = postgresBin();
const canRun = bin !== undefined && process.getuid?.() === 0 && existsSync("/usr/sbin/runuser");
if (!canRun)
  console.warn(
    "databaseRestart.test.ts: skipped: needs Debian's Postgres binaries (/usr/lib/postgresql/*/bin: apt-get install postgresql) and root (to run them as the postgres user)",
  );

/** A throwaway cluster: initdb, pg_ctl start/stop, removed at the end. */
function scratchCluster(binDir: string) {
  const dir = mkdtempSync(path.join(tmpdir(), "journey-pg-"));
  const port = 55432 + Math.floor(Math.random() * 2000);
  const data = path.join(dir, "data");
  chownSync(dir, Number(execFileSync("id", ["-u", "postgres"]).toString()), 0);
  const asPostgres = (tool: string, args: string[]) =>
    execFileSync("runuser", ["-u", "postgres", "--", path.join(binDir, tool), ...args], { stdio: "pipe" });
  const ctl = (action: string, extra: string[] = []) =>
    asPostgres("pg_ctl", [
      "-D",
      data,
      "-l",
      path.join(dir, "log"),
      "-o",
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`,
      "-w",
      ...extra,
      action,
    ]);
  asPostgres("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--no-locale"]);
  ctl("start");
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => ctl("stop", ["-m", "fast"]),
    start: () => ctl("start"),
    remove() {
      try {
        ctl("stop", ["-m", "immediate"]);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

type Outcome = { ms: number; status: number; problem?: { type: string; code: unknown; retryAfter: string | null } };

describe.skipIf(!canRun)("the Postgres server restarts under load", () => {
  let cluster: ReturnType<typeof scratchCluster> | undefined;
  let server: ServerProcess | undefined;
  let key = "";

  beforeAll(async () => {
    cluster = scratchCluster(bin ?? "");
    const database = await createDatabase({ kind: "postgres", url: cluster.url, max: 2 });
    try {
      await runMigrations(database);
      const { id: workspaceId } = await seedDefaultWorkspace(database.db);
      await publishTestFlows(database.db, workspaceId);
      key = (await createApiKey(sqlClientFor(database).query, workspaceId, "restart", "live")).key;
    } finally {
      await database.close();
    }
    server = await startServer(
      { databaseUrl: cluster.url },
      {
        DATABASE_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
        DATABASE_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
        DATABASE_RETRY_AFTER_SECONDS: "1",
        JOURNEY_EXAMPLES: "off",
        JOURNEY_TRIGGERS: "off",
      },
    );
  });
  afterAll(async () => {
    await server?.stop("SIGKILL");
    cluster?.remove();
  });

  it(
    "keeps the process alive, answers 503 problems fast, and loses, doubles and blocks nothing",
    { timeout: 90_000 },
    async () => {
      const live = server;
      const pg = cluster;
      if (!live || !pg) throw new Error("not set up");
      const call = apiClient(live.url, key);
      const outcomes: Outcome[] = [];
      /** One request, timed; an error answer's problem document recorded. */
      const timed = async (method: string, path: string, body?: unknown, headers?: Record<string, string>) => {
        const t = performance.now();
        let res: ApiAnswer;
        try {
          res = await call(method, path, body, headers);
        } catch (error) {
          outcomes.push({ ms: performance.now() - t, status: 0 });
          throw error;
        }
        const outcome: Outcome = { ms: performance.now() - t, status: res.status };
        if (res.status >= 400)
          outcome.problem = {
            type: res.headers.get("content-type") ?? "",
            code: res.body.code,
            retryAfter: res.headers.get("retry-after"),
          };
        outcomes.push(outcome);
        return res;
      };

      const counters: string[] = [];
      for (let i = 0; i < CLIENTS; i++) {
        const res = await timed("POST", "/interactions", { flow: "test-counter", channel: "chat" });
        expect(res.status).toBe(201);
        counters.push(String(res.body.id));
      }
      // 100 timers, due in 2 s: they fall due while the database is down.
      const waiting = await Promise.all(
        Array.from({ length: TIMERS }, async () => {
          const res = await timed("POST", "/interactions", { flow: "test-wait-briefly", channel: "sms" });
          expect(res.status).toBe(201);
          return String(res.body.id);
        }),
      );

      // Eight clients: each event is retried under its own Idempotency-Key until it is acknowledged.
      let stopLoad = false;
      let downAt = Infinity;
      let upAt = Infinity;
      let firstAckAfterUp = Infinity;
      const acked: number[][] = counters.map(() => []);
      const load = Promise.all(
        counters.map(async (id, client) => {
          for (let n = 0; !stopLoad; n++) {
            const idempotencyKey = `restart-${client}-${n}`;
            for (;;) {
              const res = await timed(
                "POST",
                `/interactions/${id}/events`,
                { type: "tick" },
                {
                  "idempotency-key": idempotencyKey,
                },
              ).catch(() => undefined);
              if (res?.status === 200) {
                acked[client]?.push(Number((res.body.context as { count: number }).count));
                if (performance.now() > upAt) firstAckAfterUp = Math.min(firstAckAfterUp, performance.now());
                break;
              }
              // 503 (database away) or 409 IDEMPOTENCY_KEY_IN_USE: wait a little, then the same request again.
              expect([503, 409, undefined]).toContain(res?.status);
              await new Promise((r) => setTimeout(r, 100));
            }
          }
        }),
      );

      await new Promise((r) => setTimeout(r, 2_000));
      const ackedBefore = acked.flat().length;
      downAt = performance.now();
      pg.stop();
      const health = await timed("GET", "/health");
      expect(health.status).toBe(503);
      expect(health.body.code).toBe("DATABASE_UNAVAILABLE");
      await new Promise((r) => setTimeout(r, OUTAGE_MS));
      pg.start();
      upAt = performance.now();
      // Serving again, by itself: the first acknowledged event after the database came back.
      while (firstAckAfterUp === Infinity && performance.now() - upAt < 20_000)
        await new Promise((r) => setTimeout(r, 50));
      const recoveredMs = firstAckAfterUp - upAt;
      await new Promise((r) => setTimeout(r, 1_500));
      stopLoad = true;
      await load;
      expect((await timed("GET", "/health")).status).toBe(200);

      // Every timer that fell due fires once, soon after the database is back.
      let timersMs = Infinity;
      for (;;) {
        const states = await Promise.all(waiting.map((id) => call("GET", `/interactions/${id}`)));
        if (states.every((s) => s.body.status === "completed")) {
          timersMs = performance.now() - upAt;
          break;
        }
        if (performance.now() - upAt > 30_000) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      console.log(
        `database restart: down ${((upAt - downAt) / 1000).toFixed(1)} s (pg_ctl stop, ${OUTAGE_MS} ms, start); ` +
          `events acknowledged again ${recoveredMs.toFixed(0)} ms after the database was up; ` +
          `all ${TIMERS} timers fired ${timersMs.toFixed(0)} ms after it; ` +
          `${acked.flat().length} events acknowledged (${ackedBefore} before the outage); ` +
          `${outcomes.filter((o) => o.status === 503).length} answers 503; slowest request ${Math.max(...outcomes.map((o) => o.ms)).toFixed(0)} ms`,
      );

      // The process lived through it.
      expect(live.child.exitCode).toBeNull();
      expect(live.child.signalCode).toBeNull();
      expect(live.output()).not.toMatch(/TypeError|Cannot read properties|uncaught|unhandled/i);
      expect(recoveredMs).toBeLessThan(10_000);
      expect(timersMs).toBeLessThan(20_000);

      // Every error a problem document with a code; 503s say when to retry; nothing slower than the bound.
      const errors = outcomes.filter((o) => o.status >= 400);
      expect(errors.length).toBeGreaterThan(0);
      for (const e of errors) {
        expect(e.problem?.type).toBe("application/problem+json");
        expect(typeof e.problem?.code).toBe("string");
        if (e.status === 503) {
          expect(e.problem?.code).toBe("DATABASE_UNAVAILABLE");
          expect(e.problem?.retryAfter).toBe("1");
        }
      }
      expect(new Set(errors.map((e) => e.status))).not.toContain(500);
      expect(outcomes.filter((o) => o.status === 0)).toEqual([]);
      expect(Math.max(...outcomes.map((o) => o.ms))).toBeLessThan(REQUEST_LIMIT_MS);

      // Nothing lost, nothing doubled: each log is exactly the acknowledged events, in order.
      for (const [client, id] of counters.entries()) {
        const mine = acked[client] ?? [];
        const events = (await call("GET", `/interactions/${id}/history`)).body.data as Array<{
          seq: number;
          type: string;
        }>;
        expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
        expect(events.slice(1).every((e) => e.type === "tick")).toBe(true);
        expect(mine).toEqual(mine.map((_, i) => i + 1));
        expect(events.length - 1).toBe(mine.length);
      }
      // Each timer fired once: one timer event in each waiting interaction's log.
      for (const id of waiting) {
        const events = (await call("GET", `/interactions/${id}/history`)).body.data as Array<{ type: string }>;
        expect(events.filter((e) => e.type !== "interaction.started")).toHaveLength(1);
      }
    },
  );
});
