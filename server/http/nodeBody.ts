// The request body, read straight from Node's IncomingMessage, with the size limit.
//
// Under @hono/node-server the request Hono sees is a light stand-in; touching its `body` (as hono's
// bodyLimit and `c.req.json()` do) builds a real web Request around a web stream of the socket, which
// cost about a tenth of the API's CPU per event. Here the bytes are read once from `c.env.incoming` and
// put where Hono's body readers look first (`c.req.bodyCache`): the validators, the Idempotency-Key
// hash and the handlers all read that. Without a Node request (app.fetch in tests), hono's bodyLimit.
import "server-only";
import type { IncomingMessage } from "node:http";
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { payloadTooLarge } from "./problem";

export function readBody(maxBytes: number): MiddlewareHandler {
  const fallback = bodyLimit({ maxSize: maxBytes, onError: () => payloadTooLarge(maxBytes) });
  return async (c, next) => {
    const method = c.req.method;
    if (method === "GET" || method === "HEAD" || method === "OPTIONS") return next();
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    if (!incoming || incoming.readableEnded || typeof incoming.headers !== "object") return fallback(c, next);
    const declared = incoming.headers["content-length"];
    if (declared !== undefined && Number(declared) > maxBytes) return payloadTooLarge(maxBytes);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of incoming as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) return payloadTooLarge(maxBytes);
      chunks.push(chunk);
    }
    // (Typed as values, held as promises: what Hono's own readers store there.)
    const cache = c.req.bodyCache as { json?: Promise<unknown>; text?: Promise<string> };
    const text = chunks.length === 1 ? (chunks[0] as Buffer).toString("utf8") : Buffer.concat(chunks).toString("utf8");
    // json first: Hono answers a `json()` from it directly, and derives the others from the first key.
    if (/json/i.test(incoming.headers["content-type"] ?? "")) {
      try {
        cache.json = Promise.resolve(JSON.parse(text) as unknown);
      } catch {
        // Malformed: left to Hono's own parse, which answers 400 INVALID_JSON as before.
      }
    }
    cache.text = Promise.resolve(text);
    return next();
  };
}
