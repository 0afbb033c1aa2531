// The environment the studio's sign-in reads, in one place.
//
//   JOURNEY_PUBLIC_URL    the studio's public origin (https://studio.example.com). Cookies are Secure
//                         exactly when it is https. Unset: http on localhost/127.0.0.1 (and any host
//                         in JOURNEY_ALLOWED_HOSTS), for trying it out.
//   BETTER_AUTH_SECRET    signs session cookies (32+ characters). Unset: generated on first start and
//                         kept in the database (server_secrets).
//   JOURNEY_CLIENT_IP_HEADER  a header your reverse proxy sets to the client's address (x-real-ip…),
//                         for sign-in rate limiting. Unset: the TCP peer, as server/main.ts stamps it.
//   JOURNEY_ADMIN_EMAIL   the first admin's e-mail on a fresh database (default admin@journey.local).
//   JOURNEY_FIRST_ADMIN_PASSWORD  that admin's password (12+ characters); unset: generated and printed once.
import "server-only";

import { env, type Env } from "../env";

/** Set by server/main.ts from the socket, overwriting whatever the client sent. */
export const PEER_IP_HEADER = "x-journey-peer-ip";

export type AuthConfig = {
  publicUrl: string | undefined;
  allowedHosts: string[];
  secureCookies: boolean;
  secret: string | undefined;
  clientIpHeader: string;
  adminEmail: string;
  firstAdminPassword: string | undefined;
};

export function authConfigFromEnv(e: Env = env()): AuthConfig {
  const publicUrl = e.JOURNEY_PUBLIC_URL ?? e.BETTER_AUTH_URL;
  const extraHosts = (e.JOURNEY_ALLOWED_HOSTS ?? "")
    .split(",")
    .map((host) => host.trim())
    .filter(Boolean);
  return {
    publicUrl,
    allowedHosts: ["localhost", "localhost:*", "127.0.0.1", "127.0.0.1:*", "[::1]", "[::1]:*", ...extraHosts],
    secureCookies: publicUrl?.startsWith("https://") ?? false,
    secret: e.BETTER_AUTH_SECRET,
    clientIpHeader: e.JOURNEY_CLIENT_IP_HEADER?.toLowerCase() || PEER_IP_HEADER,
    adminEmail: e.JOURNEY_ADMIN_EMAIL?.toLowerCase() || "admin@journey.local",
    firstAdminPassword: e.JOURNEY_FIRST_ADMIN_PASSWORD,
  };
}
