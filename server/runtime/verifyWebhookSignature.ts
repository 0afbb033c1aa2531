// Verifies the `X-Signature` of a Journey Studio webhook delivery. Self-contained (node:crypto only):
// integrators may copy this file into their receiver.
//
//   X-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>[,v1=<…>]
//
// - Verify the RAW body bytes as received, before any JSON parsing.
// - A delivery older (or newer) than `toleranceSeconds` (300) is refused: a captured request cannot be
//   replayed later. Within the window, pass a `seen` store to refuse the very same signature twice.
//   (A retry by the studio is a new request: new timestamp, new signature; de-duplicate those by the
//   body's `id` / the `X-Journey-Delivery` header.)
// - During a secret rotation the studio signs with the new and the previous secret for 24 h (several
//   `v1=`), and a receiver may be configured with both: any one matching pair is enough.
import { createHmac, timingSafeEqual } from "node:crypto";

export type ReplayStore = {
  /** True when `key` was not seen before (and remembers it until `expiresAtMs`). */
  remember(key: string, expiresAtMs: number): boolean;
};

export type VerifyResult =
  { ok: true; timestamp: number } | { ok: false; reason: "malformed" | "stale" | "mismatch" | "replayed" };

export const DEFAULT_TOLERANCE_SECONDS = 300;

export function computeSignature(secret: string, timestamp: number, body: string | Buffer): string {
  return createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest("hex");
}

/** `t=…,v1=…` signed with every secret given (the current one first). */
export function signatureHeader(secrets: readonly string[], timestamp: number, body: string | Buffer): string {
  return [`t=${timestamp}`, ...secrets.map((s) => `v1=${computeSignature(s, timestamp, body)}`)].join(",");
}

export function verifyWebhookSignature(options: {
  header: string | null | undefined;
  body: string | Buffer;
  /** The current secret, and during a rotation the previous one too. */
  secrets: readonly string[];
  toleranceSeconds?: number;
  nowMs?: number;
  seen?: ReplayStore;
}): VerifyResult {
  const { header, body, secrets } = options;
  if (!header || secrets.length === 0) return { ok: false, reason: "malformed" };
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const [key, value] = part.trim().split("=", 2);
    if (key === "t" && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === "v1" && value && /^[0-9a-f]{64}$/i.test(value)) signatures.push(value.toLowerCase());
  }
  if (timestamp === undefined || signatures.length === 0) return { ok: false, reason: "malformed" };
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const now = options.nowMs ?? Date.now();
  if (Math.abs(now / 1000 - timestamp) > tolerance) return { ok: false, reason: "stale" };
  let matched: string | undefined;
  for (const secret of secrets) {
    const expected = Buffer.from(computeSignature(secret, timestamp, body), "hex");
    for (const candidate of signatures) {
      if (timingSafeEqual(expected, Buffer.from(candidate, "hex"))) matched ??= candidate;
    }
  }
  if (!matched) return { ok: false, reason: "mismatch" };
  if (options.seen && !options.seen.remember(`${timestamp}.${matched}`, (timestamp + tolerance) * 1000))
    return { ok: false, reason: "replayed" };
  return { ok: true, timestamp };
}

/** An in-memory ReplayStore for one receiver process (use a shared store, e.g. Redis SET NX, for several). */
export function memoryReplayStore(nowMs: () => number = Date.now): ReplayStore {
  const seen = new Map<string, number>();
  return {
    remember(key, expiresAtMs) {
      const now = nowMs();
      for (const [k, until] of seen) if (until < now) seen.delete(k);
      if (seen.has(key)) return false;
      seen.set(key, expiresAtMs);
      return true;
    },
  };
}
