// One-time codes at a verify node with `otp` (CONTRACT §4). The runtime generates the code, sends
// it as a `kind: "otp"` message on the customer's sms (else email) address, keeps only a salted hash
// with an expiry, counts wrong attempts, and decides `verify.submitted { code }` itself.
import "server-only";
import { createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import type { SqlQuery } from "../db/sqlClient";
import type { PlannedOutboxRow, StepRows } from "./planStepRows";

/** How long a code is valid, on the interaction's clock (a test clock moves it). */
export const CODE_TTL_MS = 5 * 60_000;
/** Codes sent to one customer in an hour, across interactions; more are skipped (OTP_RATE_LIMITED). */
export const CODE_SENDS_PER_HOUR = 5;
const CODE_DIGITS = 6;
/** What the stored message text says instead of the code (the code itself lives only in the delivery). */
export const MASKED_CODE = "••••••";

const ADDRESS = `select channel, address from customer_addresses where customer_id = $1 and channel in ('sms', 'email')
  order by (channel = 'sms') desc, created_at, address limit 1`;
const RECENT_SENDS = `select count(*)::int as n from verification_codes where customer_id = $1 and created_at > now() - interval '1 hour'`;

export function hashCode(code: string, salt: string = randomBytes(16).toString("hex")): string {
  return `${salt}:${createHmac("sha256", salt).update(code).digest("hex")}`;
}

export function codeMatches(code: string, stored: string): boolean {
  const [salt, hex] = stored.split(":");
  if (!salt || !hex) return false;
  const expected = Buffer.from(hex, "hex");
  const actual = Buffer.from(hashCode(code, salt).split(":")[1] ?? "", "hex");
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/**
 * Turns the step's planned codes into a message row each (skipped when the customer has no sms or
 * email address, or was sent too many codes this hour) and, for the ones that go out, a code row.
 * `customerRowId` null: no customer, no address.
 */
export async function prepareVerificationCodes(
  query: SqlQuery,
  customerRowId: string | null,
  plan: StepRows,
  base: { interactionId: string; flow: string; customer: { id: string } | null },
  clock: number,
): Promise<void> {
  if (plan.codes.length === 0) return;
  const found = customerRowId
    ? (await query<{ channel: string; address: string }>(ADDRESS, [customerRowId]))[0]
    : undefined;
  let sent = customerRowId ? ((await query<{ n: number }>(RECENT_SENDS, [customerRowId]))[0]?.n ?? 0) : 0;
  for (const planned of plan.codes) {
    const channel = found?.channel ?? "sms";
    const row: PlannedOutboxRow = {
      channel,
      type: "message.send",
      kind: "otp",
      node: planned.node,
      address: found?.address ?? null,
      scriptKey: planned.codeScript,
      script: null,
      subject: null,
      text: null,
      category: "transactional",
      payload: { ...base, kind: "otp", node: planned.node, channel },
    };
    if (!found) {
      // Written pending without an address: the delivery skips it with NO_ADDRESS, as any message.
      plan.outbox.push(row);
      continue;
    }
    if (sent >= CODE_SENDS_PER_HOUR) {
      plan.outbox.push({ ...row, status: "skipped", reason: "OTP_RATE_LIMITED" });
      continue;
    }
    sent++;
    const code = String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, "0");
    plan.outbox.push({ ...row, renderVars: { code } });
    plan.codeRows.push({
      path: planned.path,
      code_hash: hashCode(code),
      expires_at: new Date(clock + CODE_TTL_MS).toISOString(),
      max_attempts: planned.maxAttempts,
    });
  }
}

export type OpenCode = { id: string; code_hash: string; expires_at: Date; attempts: number; max_attempts: number };

export async function openCode(query: SqlQuery, interactionId: string, path: string): Promise<OpenCode | undefined> {
  const rows = await query<OpenCode>(
    `select id, code_hash, expires_at, attempts, max_attempts from verification_codes
      where interaction_id = $1 and path = $2 and closed_at is null order by created_at desc limit 1`,
    [interactionId, path],
  );
  return rows[0];
}

/** What a submitted code decides: the verify node's outlet event, or the step again with attempts left. */
export type CodeDecision =
  | { kind: "event"; type: "verify.passed" | "verify.failed"; data: { method: "otp"; reason?: string } }
  | { kind: "again"; attemptsLeft: number };

export async function decideCode(
  query: SqlQuery,
  interactionId: string,
  path: string,
  submitted: string,
  clock: number,
): Promise<CodeDecision> {
  const open = await openCode(query, interactionId, path);
  const close = (id: string) => query("update verification_codes set closed_at = now() where id = $1", [id]);
  if (!open) return { kind: "event", type: "verify.failed", data: { method: "otp", reason: "NO_CODE" } };
  if (clock > open.expires_at.getTime()) {
    await close(open.id);
    return { kind: "event", type: "verify.failed", data: { method: "otp", reason: "CODE_EXPIRED" } };
  }
  if (codeMatches(submitted, open.code_hash)) {
    await close(open.id);
    return { kind: "event", type: "verify.passed", data: { method: "otp" } };
  }
  const counted = await query<{ attempts: number; max_attempts: number }>(
    "update verification_codes set attempts = attempts + 1 where id = $1 and closed_at is null returning attempts, max_attempts",
    [open.id],
  );
  const after = counted[0] ?? { attempts: open.max_attempts, max_attempts: open.max_attempts };
  if (after.attempts >= after.max_attempts) {
    await close(open.id);
    return { kind: "event", type: "verify.failed", data: { method: "otp", reason: "TOO_MANY_ATTEMPTS" } };
  }
  return { kind: "again", attemptsLeft: after.max_attempts - after.attempts };
}
