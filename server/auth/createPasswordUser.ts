// A user with an e-mail + password account, created through better-auth's own
// adapter (sign-up is closed; the first admin is made so, and tests make their users so).
import "server-only";
import type { Auth } from "./auth";

export async function createPasswordUser(
  auth: Auth,
  input: { email: string; name: string; password: string },
): Promise<{ id: string; email: string }> {
  const ctx = await auth.$context;
  const passwordHash = await ctx.password.hash(input.password);
  const user = await ctx.internalAdapter.createUser(
    { email: input.email.trim().toLowerCase(), name: input.name, emailVerified: true },
    { method: "admin" },
  );
  await ctx.internalAdapter.linkAccount({
    userId: user.id,
    providerId: "credential",
    accountId: user.id,
    password: passwordHash,
  });
  return { id: user.id, email: user.email };
}
