// What the runtime benchmarks share: the CPU a process has used, and a keep-alive client of the real
// server's API (bench/runtime.ts, profileApi.ts, starts.ts, explainEvent.ts). No server module: safe to
// import before server/allowServerOnly.mjs.
import { readFileSync } from "node:fs";
import { Agent, request } from "node:http";

/** CPU seconds (user + system) a process has used, from /proc (Linux; clock ticks of 10 ms). */
export function cpuOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0; // gone
  }
}

/**
 * `post` sends JSON to the server's `/api/v1` with the API key, over `clients` kept-alive sockets; it
 * resolves once the answer is read and rejects on a status of 300 or more (or other than `expect`, when
 * given). `close` ends the sockets.
 */
export function apiPoster(
  serverUrl: string,
  key: string,
  clients: number,
): {
  post: (path: string, body: string, idempotencyKey?: string, expect?: number) => Promise<void>;
  close: () => void;
} {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const target = new URL(serverUrl);
  const post = (path: string, body: string, idempotencyKey?: string, expect?: number) =>
    new Promise<void>((resolve, reject) => {
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          method: "POST",
          path: `/api/v1${path}`,
          headers: {
            authorization: `Bearer ${key}`,
            ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}),
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
          },
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            const status = res.statusCode ?? 0;
            if (expect === undefined ? status > 0 && status < 300 : status === expect) resolve();
            else reject(new Error(`HTTP ${status} on ${path}`));
          });
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  return { post, close: () => agent.destroy() };
}
