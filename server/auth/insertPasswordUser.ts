// A new user with an e-mail + password account, written inside the caller's transaction (better-auth's
// own adapter, `createPasswordUser`, writes outside it): rows shaped as better-auth writes them, so the
// user signs in through better-auth as any other.
import "server-only";
import { randomBytes } from "node:crypto";
import type { Db } from "../db/client";
import { accounts, users } from "../db/schema";

/**
 * `passwordHash`: from `hashPassword` (argon2id takes a while: hash before the transaction). Undefined
 * when a user with this e-mail exists (nothing is written).
 */
export async function insertPasswordUser(
  tx: Db,
  input: { email: string; name: string; passwordHash: string },
): Promise<{ id: string } | undefined> {
  const [user] = await tx
    .insert(users)
    .values({
      id: randomBytes(16).toString("base64url"),
      email: input.email.trim().toLowerCase(),
      name: input.name,
      emailVerified: true,
    })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id });
  if (!user) return undefined;
  await tx.insert(accounts).values({
    id: randomBytes(16).toString("base64url"),
    userId: user.id,
    providerId: "credential",
    accountId: user.id,
    password: input.passwordHash,
  });
  return user;
}
