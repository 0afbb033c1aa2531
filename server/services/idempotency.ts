// Idempotency-Key on POSTs. The first request with a key claims it and its answer is
// stored; the same key with the same request gets that answer again; with another request, 422.
//
// A crash between the engine's write and storing the answer must not leave the key stuck, nor let a
// retry apply the request twice. So the engine marks the claim applied in the transaction of its write
// (only while this attempt still owns the claim), and a retry of an applied claim answers with the
// interaction it made or changed. A claim that was never applied may be taken over once it is older
// than CLAIM_LEASE_MS, by routes whose effect the engine marks (start, event).
import "server-only";
import { createHash, randomUUID } from "node:crypto";
import type { SqlQuery } from "../db/sqlClient";
import type { HeldClaim, UnclaimedKey } from "../runtime/engineContext";
import { AppError } from "../errors/appError";
import { z } from "zod";
import { canonicalJson } from "./contentHash";

/**
 * The answer is stored as its exact text, `{ text }`, so that a replay is byte for byte what the first
 * client got (a jsonb object would reorder its keys). Rows stored before kept the parsed `{ body }`.
 */
const storedAnswer = z.union([z.object({ text: z.string() }), z.object({ body: z.unknown() })]);

function answerText(stored: unknown): string {
  const answer = storedAnswer.parse(stored);
  return "text" in answer ? answer.text : JSON.stringify(answer.body);
}

/** A claim this attempt holds: the engine marks it applied with its write. */
export type { HeldClaim, UnclaimedKey };

export type IdempotencyClaim =
  | ({ kind: "claimed" } & HeldClaim)
  | { kind: "replay"; status: number; text: string }
  | { kind: "applied"; id: string; interactionId: string }
  | { kind: "reused" }
  | { kind: "in-progress" };

/** How long an unanswered, unapplied claim is presumed alive (far longer than any request takes). */
export const CLAIM_LEASE_MS = 120_000;

/** Hash of what makes two requests "the same": method, path and the body (JSON compared by value). */
export function requestHash(method: string, path: string, body: string): string {
  let normalised = body;
  try {
    normalised = canonicalJson(JSON.parse(body));
  } catch {
    // not JSON: compared byte for byte
  }
  return createHash("sha256").update(`${method} ${path}\n${normalised}`).digest("hex");
}

/**
 * `takeover`: whether the route's effect is marked by the engine, so that a stale unapplied claim can be
 * run again safely.
 */
export async function claimIdempotencyKey(
  query: SqlQuery,
  workspaceId: string,
  key: string,
  hash: string,
  options: { takeover?: boolean } = {},
): Promise<IdempotencyClaim> {
  const owner = randomUUID();
  const inserted = await query<{ id: string }>(
    "insert into idempotency_keys (workspace_id, key, request_hash, owner) values ($1, $2, $3, $4) on conflict (workspace_id, key) do nothing returning id",
    [workspaceId, key, hash, owner],
  );
  if (inserted[0]) return { kind: "claimed", id: inserted[0].id, owner };
  const rows = await query<{
    id: string;
    request_hash: string;
    response_status: number | null;
    response_body: unknown;
    applied_interaction_id: string | null;
    stale: boolean;
  }>(
    `select id, request_hash, response_status, response_body, applied_interaction_id, created_at < now() - make_interval(secs => $3::double precision / 1000) as stale
     from idempotency_keys where workspace_id = $1 and key = $2`,
    [workspaceId, key, CLAIM_LEASE_MS],
  );
  const row = rows[0];
  if (!row) return claimIdempotencyKey(query, workspaceId, key, hash, options); // released meanwhile: claim again
  if (row.request_hash !== hash) return { kind: "reused" };
  if (row.response_status !== null)
    return { kind: "replay", status: row.response_status, text: answerText(row.response_body) };
  if (row.applied_interaction_id !== null)
    return { kind: "applied", id: row.id, interactionId: row.applied_interaction_id };
  if (options.takeover && row.stale) {
    const taken = await query<{ id: string }>(
      "update idempotency_keys set owner = $2, created_at = now() where id = $1 and response_status is null and applied_at is null and created_at < now() - make_interval(secs => $3::double precision / 1000) returning id",
      [row.id, owner, CLAIM_LEASE_MS],
    );
    if (taken[0]) return { kind: "claimed", id: row.id, owner };
  }
  return { kind: "in-progress" };
}

/**
 * Called by the engine inside the transaction of its write: records that the request took effect on
 * `interactionId`. False when this attempt no longer owns the claim (it was taken over): the caller must
 * roll its write back.
 */
export async function markIdempotencyApplied(
  query: SqlQuery,
  claim: HeldClaim,
  interactionId: string,
): Promise<boolean> {
  const rows = await query<{ id: string }>(
    "update idempotency_keys set applied_interaction_id = $3, applied_at = now() where id = $1 and owner = $2 and applied_at is null returning id",
    [claim.id, claim.owner, interactionId],
  );
  return rows.length === 1;
}

/** Stores the answer (the text the client gets); with `owner`, only while that attempt still holds the claim. */
export async function completeIdempotencyKey(
  query: SqlQuery,
  id: string,
  status: number,
  text: string,
  owner?: string,
): Promise<void> {
  await query(
    "update idempotency_keys set response_status = $2, response_body = $3, completed_at = now() where id = $1 and ($4::uuid is null or owner = $4)",
    [id, status, { text }, owner ?? null],
  );
}

/**
 * An event's key offered to the engine unclaimed (UnclaimedKey): it may be claimed, applied and
 * answered by the event's own statement (`isStored()`); otherwise the engine claims it here the usual
 * way, and `claimed()` says how that went — when not "claimed", `claim()` threw (409
 * IDEMPOTENCY_KEY_IN_USE) and the caller must answer from the claim instead (a replay, a reuse…).
 */
export function offerIdempotencyKey(
  query: SqlQuery,
  workspaceId: string,
  key: string,
  hash: string,
  status: number,
): { key: UnclaimedKey; claimed(): IdempotencyClaim | undefined; isStored(): boolean } {
  let claimed: IdempotencyClaim | undefined;
  let stored = false;
  return {
    key: {
      key,
      hash,
      status,
      async claim() {
        claimed = await claimIdempotencyKey(query, workspaceId, key, hash, { takeover: true });
        if (claimed.kind === "claimed") return { id: claimed.id, owner: claimed.owner };
        throw new AppError("IDEMPOTENCY_KEY_IN_USE", { detail: `The Idempotency-Key is ${claimed.kind}.` });
      },
      stored() {
        stored = true;
      },
    },
    claimed: () => claimed,
    isStored: () => stored,
  };
}

/** After a 5xx: forget the key, so that the client may retry it (unless another attempt holds it now). */
export async function releaseIdempotencyKey(query: SqlQuery, id: string, owner?: string): Promise<void> {
  await query(
    "delete from idempotency_keys where id = $1 and ($2::uuid is null or owner = $2) and applied_at is null",
    [id, owner ?? null],
  );
}

/**
 * After a failed attempt: release the claim now, or — when the database is what failed, so the release
 * fails too — as soon as the database answers again (retried with back-off for as long as the claim's
 * lease), so that a client retrying after an outage is not told IDEMPOTENCY_KEY_IN_USE for two minutes.
 * Resolves after the first try; the retries run in the background.
 */
export async function releaseIdempotencyKeySoon(query: SqlQuery, id: string, owner: string): Promise<void> {
  const giveUpAt = Date.now() + CLAIM_LEASE_MS;
  const attempt = async (delayMs: number): Promise<void> => {
    try {
      await releaseIdempotencyKey(query, id, owner);
    } catch {
      if (Date.now() + delayMs > giveUpAt) return; // the lease lets a retry take the claim over by now
      setTimeout(() => void attempt(Math.min(delayMs * 2, 2_000)), delayMs).unref();
    }
  };
  await attempt(200);
}
