// The background work of one process, driven by pg-boss (server/runtime/jobs.ts).
//
// Timers. A pg-boss job on the `journey-timer-sweep` queue is a lease to sweep for a few seconds: its
// handler claims and fires due timers (timerSweeper.ts) until the lease runs out, polling the timers
// table every JOURNEY_TIMER_POLL_MS while nothing is due, then queues its successor and ends. There are
// JOURNEY_TIMER_LANES such chains (one job per lane key; the queue's `short` policy keeps at most one
// queued job per lane). Every process works the queue, so lanes move to whichever process is alive; a
// job whose process died simply expires — it blocks nothing, since a fresh job for its lane is queued
// at every start-up and every minute (a pg-boss cron schedule), and any process picks it up. Two
// sweepers on one lane are harmless: claims skip locked rows and a timer row is fired once.
//
// Triggers. The same minute schedule runs the `date` and `schedule` start triggers (triggers.ts).
//
// Outbox. A plain polling loop over outbox rows (leased with SKIP LOCKED; see outboxDelivery.ts); the
// same loop starts the flows that `interaction.completed`/`failed` trigger (interactionEndEvents.ts).
import "server-only";
import type PgBoss from "pg-boss";
import type { Database } from "../db/client";
import { isDatabaseUnavailable } from "../db/databaseUnavailable";
import { env } from "../env";
import type { Engine } from "./engine";
import { createBoss, ensureQueue, startBoss } from "./jobs";
import { foldAnalytics } from "./analyticsFold";
import { deliverOutbox } from "./outboxDelivery";
import { dispatchEndEvents } from "./interactionEndEvents";
import { sweepDueTimers } from "./timerSweeper";
import { runDueTriggers } from "./triggers";

export type Workers = { boss: Promise<PgBoss | undefined>; stop(): Promise<void> };

export type WorkerOptions = {
  timerPollMs?: number;
  outboxPollMs?: number;
  /** Concurrent timer sweep chains (each a pg-boss job at a time). */
  timerLanes?: number;
  /** How long one sweep job runs before handing over to its successor. */
  timerLeaseMs?: number;
  /** Timers claimed per sweep transaction. */
  timerBatch?: number;
  /** Run the date/schedule triggers every minute (default: yes). */
  triggers?: boolean;
  /** How often the analytics fold looks for new steps while it is caught up. */
  analyticsPollMs?: number;
};

export const TIMER_QUEUE = "journey-timer-sweep";
export const MINUTE_QUEUE = "journey-minute";

type LaneJob = { lane: number };

export function startWorkers(engine: Engine, database: Database, options: WorkerOptions = {}): Workers {
  const settings = env();
  const timerPollMs = options.timerPollMs ?? settings.JOURNEY_TIMER_POLL_MS;
  const outboxPollMs = options.outboxPollMs ?? settings.JOURNEY_OUTBOX_POLL_MS;
  const lanes = Math.max(1, options.timerLanes ?? settings.JOURNEY_TIMER_LANES);
  const leaseMs = options.timerLeaseMs ?? 5_000;
  const batch = options.timerBatch ?? settings.JOURNEY_TIMER_BATCH;
  const triggers = options.triggers ?? settings.JOURNEY_TRIGGERS;
  let stopped = false;
  const wakers = new Set<() => void>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      wakers.add(done);
    });
  const running = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    running.add(work);
    void work.finally(() => running.delete(work));
  };

  // The outbox: a polling loop.
  const outboxLoop = async () => {
    while (!stopped) {
      let busy = false;
      try {
        // Ends first: the flows they start queue their own messages in this round.
        const ended = await dispatchEndEvents(engine);
        busy = (await deliverOutbox(engine.sql, { scripts: engine.scripts })).claimed >= 50 || ended.taken >= 20;
      } catch (error) {
        if (isClosed(error)) return;
        report("outbox delivery failed", error);
      }
      if (!busy) await sleep(outboxPollMs);
    }
  };
  track(outboxLoop());

  // The analytics rollups: a polling loop; the watermark row is its lease (analyticsFold.ts).
  const analyticsPollMs = options.analyticsPollMs ?? 500;
  const analyticsLoop = async () => {
    while (!stopped) {
      let busy = false;
      try {
        busy = (await foldAnalytics(engine.sql)).busy;
      } catch (error) {
        if (isClosed(error)) return;
        report("analytics fold failed", error);
      }
      if (!busy) await sleep(analyticsPollMs);
    }
  };
  track(analyticsLoop());

  // Timers and triggers: pg-boss.
  const active = new Set<number>();
  const laneOptions = (lane: number): PgBoss.SendOptions => ({
    singletonKey: `lane-${lane}`,
    expireInSeconds: Math.ceil(leaseMs / 1000) + 30,
    retryLimit: 0,
  });
  const queueLanes = async (boss: PgBoss) => {
    for (let lane = 0; lane < lanes; lane++) await boss.send(TIMER_QUEUE, { lane }, laneOptions(lane));
  };

  const sweepLane = async (boss: PgBoss, job: PgBoss.Job<LaneJob>) => {
    const lane = Number(job.data.lane) || 0;
    // This process already sweeps this lane (a duplicate job): let the chains merge.
    if (active.has(lane)) return;
    active.add(lane);
    try {
      const until = Date.now() + leaseMs;
      while (!stopped && Date.now() < until) {
        let seen = 0;
        try {
          seen = (await sweepDueTimers(engine, batch)).seen;
        } catch (error) {
          if (isClosed(error)) return;
          report("timer sweep failed", error);
        }
        if (seen < batch) await sleep(timerPollMs);
      }
    } finally {
      active.delete(lane);
      // The lane's successor. While the database is away this keeps trying (the lane would otherwise
      // wait for the minute schedule): timers resume within about a second of the database's return.
      for (let delay = 200; !stopped; delay = Math.min(delay * 2, 2_000)) {
        try {
          await boss.send(TIMER_QUEUE, { lane }, laneOptions(lane));
          break;
        } catch (error) {
          if (isClosed(error)) break;
          report("queueing the next sweep failed", error);
          await sleep(delay);
        }
      }
    }
  };

  const minute = async (boss: PgBoss) => {
    await queueLanes(boss);
    if (triggers) await runDueTriggers(engine);
  };

  const start = async (): Promise<PgBoss | undefined> => {
    const boss = createBoss(database);
    boss.on("error", (error: unknown) => {
      if (!stopped && !isClosed(error)) report("pg-boss", error);
    });
    await startBoss(database, boss);
    await ensureQueue(boss, { name: TIMER_QUEUE, policy: "short", retryLimit: 0 });
    await ensureQueue(boss, { name: MINUTE_QUEUE, policy: "short", retryLimit: 1, expireInSeconds: 300 });
    await boss.schedule(MINUTE_QUEUE, "* * * * *", {}, { singletonKey: "minute" });
    if (stopped) {
      await boss.stop({ graceful: false, wait: true });
      return undefined;
    }
    await queueLanes(boss);
    for (let lane = 0; lane < lanes; lane++) {
      await boss.work<LaneJob>(TIMER_QUEUE, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async ([job]) => {
        if (job) await sweepLane(boss, job);
      });
    }
    await boss.work(MINUTE_QUEUE, { pollingIntervalSeconds: 2, batchSize: 1 }, async () => minute(boss));
    // The triggers once now, too: a process that starts at 09:00:40 need not wait for 09:01.
    if (triggers) {
      track(
        runDueTriggers(engine).then(
          () => undefined,
          (error: unknown) => {
            if (!isClosed(error)) console.error("[runtime] triggers failed:", error);
          },
        ),
      );
    }
    return boss;
  };
  // Without pg-boss (it could not create its schema, say) timers must still fire: this process then
  // sweeps on its own clock, as one lane that never hands over.
  const sweepAlone = async () => {
    while (!stopped) {
      let seen = 0;
      try {
        seen = (await sweepDueTimers(engine, batch)).seen;
      } catch (error) {
        if (isClosed(error)) return;
        report("timer sweep failed", error);
      }
      if (seen < batch) await sleep(timerPollMs);
    }
  };
  const boss = start().catch((error: unknown) => {
    if (isClosed(error) || stopped) return undefined;
    console.error("[runtime] pg-boss did not start; sweeping timers without it (no date/schedule triggers):", error);
    track(sweepAlone());
    return undefined;
  });

  return {
    boss,
    async stop() {
      stopped = true;
      for (const wake of [...wakers]) wake();
      const b = await boss;
      await b?.stop({ graceful: true, wait: true, timeout: 5_000 }).catch(() => undefined);
      await Promise.all([...running]);
    },
  };
}

/** The database handle was closed (shutdown): the loop ends. Not an outage, after which it goes on. */
function isClosed(error: unknown): boolean {
  if (isDatabaseUnavailable(error)) return false;
  const text = error instanceof Error ? `${error.message} ${(error as { code?: unknown }).code ?? ""}` : String(error);
  return /closed|CONNECTION_ENDED|CONNECTION_DESTROYED|ended|after calling end/i.test(text);
}

let lastOutageLog = 0;

/** Logs a failure; while the database is away, one line per 10 s instead of one per poll. */
function report(what: string, error: unknown): void {
  if (!isDatabaseUnavailable(error)) {
    console.error(`[runtime] ${what}:`, error);
    return;
  }
  if (Date.now() - lastOutageLog < 10_000) return;
  lastOutageLog = Date.now();
  console.error(
    `[runtime] ${what}: the database is unavailable (${error instanceof Error ? error.message : String(error)}); retrying`,
  );
}
