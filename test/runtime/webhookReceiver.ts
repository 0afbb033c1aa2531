// A local webhook endpoint that records what it receives; fails the first `failFirst` deliveries; with
// `hold`, answers nothing until `release()` (deliveries then stay in flight as long as a test needs).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export type Received = { headers: Record<string, string | string[] | undefined>; body: string };

export async function startWebhookReceiver(options: { failFirst?: number; hold?: boolean } = {}) {
  const received: Received[] = [];
  let failures = options.failFirst ?? 0;
  let held: Array<() => void> | undefined = options.hold ? [] : undefined;
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      if (failures > 0) {
        failures--;
        res.writeHead(503).end();
        return;
      }
      received.push({ headers: req.headers, body });
      const answer = () => res.writeHead(204).end();
      if (held) held.push(answer);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    /** Answers the held requests and every later one at once. */
    release: () => {
      const waiting = held ?? [];
      held = undefined;
      for (const answer of waiting) answer();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Polls `check` until it returns something defined (the deadline only ends a hung test). */
export async function eventually<T>(check: () => Promise<T | undefined>, deadlineMs = 30_000): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error("condition not met before the deadline");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
