// Server-only module: the background loops of one process: the timer sweeper and outbox delivery.
// (A plain polling loop over rows; the rows are durable and every step re-checks under a lock, so
// several processes may run these at once.)
import type { Engine } from "./engine";
import { deliverOutbox } from "./outboxDelivery";
import { sweepDueTimers } from "./timerSweeper";

export type Workers = { stop(): Promise<void> };

export type WorkerOptions = { timerPollMs?: number; outboxPollMs?: number };

export function startWorkers(engine: Engine, options: WorkerOptions = {}): Workers {
  const timerPollMs = options.timerPollMs ?? Number(process.env.JOURNEY_TIMER_POLL_MS ?? 250);
  const outboxPollMs = options.outboxPollMs ?? Number(process.env.JOURNEY_OUTBOX_POLL_MS ?? 500);
  let stopped = false;
  const running = new Set<Promise<void>>();

  const loop = (name: string, pollMs: number, work: () => Promise<boolean>) => {
    const tick = async () => {
      if (stopped) return;
      let busy = false;
      try {
        busy = await work();
      } catch (error) {
        if (isClosed(error)) {
          stopped = true;
          return;
        }
        console.error(`[runtime] ${name} failed:`, error);
      }
      if (stopped) return;
      setTimeout(schedule, busy ? 0 : pollMs).unref();
    };
    const schedule = () => {
      const run = tick();
      running.add(run);
      void run.finally(() => running.delete(run));
    };
    setTimeout(schedule, 0).unref();
  };

  loop("timer sweep", timerPollMs, async () => {
    const { seen } = await sweepDueTimers(engine);
    return seen >= 500;
  });
  loop("outbox delivery", outboxPollMs, async () => {
    const { claimed } = await deliverOutbox(engine.sql);
    return claimed >= 50;
  });

  return {
    async stop() {
      stopped = true;
      await Promise.all([...running]);
    },
  };
}

function isClosed(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${(error as { code?: unknown }).code ?? ""}` : String(error);
  return /closed|CONNECTION_ENDED|CONNECTION_DESTROYED|ended/i.test(text);
}
