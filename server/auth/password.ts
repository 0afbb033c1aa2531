// Password hashing for better-auth's email + password sign-in. argon2id (the
// @node-rs/argon2 default algorithm) with OWASP's minimum parameters: 19 MiB, 2 passes, 1 lane.
import "server-only";
import { hash, verify } from "@node-rs/argon2";

const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** The parameters come from the stored PHC string, so hashes made with older parameters still verify. */
export async function verifyPassword({ hash: stored, password }: { hash: string; password: string }): Promise<boolean> {
  if (!stored.startsWith("$argon2")) return false;
  return verify(stored, password).catch(() => false);
}
