// The studio's sign-in, with better-auth. E-mail + password (argon2id), sessions
// as rows in Postgres (no cookie cache, so sign-out and revocation take effect on the next request),
// sign-in throttled per client address and per e-mail in the database. Sign-up is closed: people join
// by invitation (server/services/members/invitations.ts).
import "server-only";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { APIError, createAuthMiddleware } from "better-auth/api";
import type { Database } from "../db/client";
import { getDatabase } from "../db/client";
import { accounts, rateLimits, sessions, users, verifications } from "../db/schema";
import { authConfigFromEnv, type AuthConfig } from "./authConfig";
import { resolveAuthSecret } from "./authSecret";
import { hashPassword, verifyPassword } from "./password";
import { consumeSignInAttempt } from "./signInThrottle";

export const AUTH_BASE_PATH = "/api/auth";
export const MIN_PASSWORD_LENGTH = 12;
/** Per client address, on every /sign-in/* path. */
export const SIGN_IN_RATE_LIMIT = { window: 15 * 60, max: 30 } as const;

export function createAuth(database: Database, secret: string, config: AuthConfig = authConfigFromEnv()) {
  return betterAuth({
    appName: "Journey Studio",
    secret,
    basePath: AUTH_BASE_PATH,
    baseURL: config.publicUrl ?? { allowedHosts: config.allowedHosts, protocol: "http" },
    database: drizzleAdapter(database.db, {
      provider: "pg",
      schema: { user: users, session: sessions, account: accounts, verification: verifications, rateLimit: rateLimits },
    }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: 256,
      revokeSessionsOnPasswordReset: true,
      password: { hash: hashPassword, verify: verifyPassword },
    },
    session: {
      expiresIn: 60 * 60 * 12,
      updateAge: 60 * 60,
      cookieCache: { enabled: false },
    },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 200,
      customRules: { "/sign-in/*": SIGN_IN_RATE_LIMIT },
    },
    advanced: {
      useSecureCookies: config.secureCookies,
      cookiePrefix: "journey",
      ipAddress: { ipAddressHeaders: [config.clientIpHeader] },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email") return;
        const body: unknown = ctx.body;
        const email =
          typeof body === "object" && body !== null && "email" in body && typeof body.email === "string"
            ? body.email
            : "";
        if (!email) return;
        const attempt = await consumeSignInAttempt(database, email);
        if (!attempt.allowed) {
          throw new APIError(
            "TOO_MANY_REQUESTS",
            {
              message: "Too many sign-in attempts for this account. Please try again later.",
              code: "TOO_MANY_ATTEMPTS",
            },
            { "X-Retry-After": String(attempt.retryAfter) },
          );
        }
      }),
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;

const cacheKey = Symbol.for("journey-studio.auth");
type Cache = WeakMap<Database, Promise<Auth>>;

function cache(): Cache {
  const holder = globalThis as typeof globalThis & { [cacheKey]?: Cache };
  holder[cacheKey] ??= new WeakMap();
  return holder[cacheKey];
}

/** better-auth on this database (one instance per database, shared by Next's route handler and server code). */
export function authFor(database: Database): Promise<Auth> {
  const c = cache();
  let promise = c.get(database);
  if (!promise) {
    const config = authConfigFromEnv();
    promise = resolveAuthSecret(database, config.secret)
      .then((secret) => createAuth(database, secret, config))
      .catch((error: unknown) => {
        c.delete(database);
        throw error;
      });
    c.set(database, promise);
  }
  return promise;
}

/** better-auth on the process's shared database. */
export async function getAuth(): Promise<Auth> {
  return authFor(await getDatabase());
}
