// Sign-in attempts per e-mail address, counted in the database (rate_limits) so
// every process shares them. better-auth already limits per client address; this one also stops a slow
// guess at one account from many addresses.
import "server-only";
import type { Database } from "../db/client";

export const EMAIL_ATTEMPTS = { max: 10, windowSeconds: 15 * 60 } as const;

/** Records one attempt; `retryAfter` (seconds) when over the limit. One statement, so concurrent attempts count exactly. */
export async function consumeSignInAttempt(
  database: Database,
  email: string,
  now = Date.now(),
): Promise<{ allowed: boolean; retryAfter: number }> {
  const windowStart = now - EMAIL_ATTEMPTS.windowSeconds * 1000;
  const [row] = await database.query<{ count: number; first: string }>(
    `insert into rate_limits (id, key, count, last_request) values (gen_random_uuid()::text, $1, 1, $2)
     on conflict (key) do update set
       count = case when rate_limits.last_request <= $3 then 1 else rate_limits.count + 1 end,
       last_request = case when rate_limits.last_request <= $3 then $2 else rate_limits.last_request end
     returning count, last_request as first`,
    [`sign-in-email:${email.trim().toLowerCase()}`, now, windowStart],
  );
  const count = row?.count ?? 1;
  if (count <= EMAIL_ATTEMPTS.max) return { allowed: true, retryAfter: 0 };
  const first = Number(row?.first ?? now);
  return {
    allowed: false,
    retryAfter: Math.max(1, Math.ceil((first + EMAIL_ATTEMPTS.windowSeconds * 1000 - now) / 1000)),
  };
}
