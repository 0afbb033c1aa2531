// Cross-site request refusal for the studio's state-changing calls (tRPC mutations). better-auth checks
// the Origin of /api/auth itself; this is the same rule for everything else. A browser sends `Origin`
// on every POST and `Sec-Fetch-Site` on every fetch, so a page elsewhere cannot hide where it is from;
// a caller that sends neither (a server-rendered page calling in process, a script) is not a browser
// acting for a signed-in user on another site.
import "server-only";
import { AppError } from "../errors/appError";
import { authConfigFromEnv } from "./authConfig";

/** Why the request is foreign, or undefined when it comes from the studio's own origin. */
export function foreignOrigin(headers: Headers, publicUrl = authConfigFromEnv().publicUrl): string | undefined {
  const site = headers.get("sec-fetch-site")?.toLowerCase();
  if (site && site !== "same-origin" && site !== "none") return `Sec-Fetch-Site: ${site}`;
  const origin = headers.get("origin");
  if (origin === null) return undefined;
  if (origin === "null") return "an opaque Origin";
  let host: string;
  try {
    const url = new URL(origin);
    if (publicUrl && url.origin === new URL(publicUrl).origin) return undefined;
    host = url.host;
  } catch {
    return `Origin ${origin}`;
  }
  const requestHost = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  return requestHost && host === requestHost.toLowerCase() ? undefined : `Origin ${origin}`;
}

/** Throws CROSS_SITE_REQUEST (403) for a request from another site. */
export function refuseForeignOrigin(headers: Headers | undefined): void {
  if (!headers) return;
  const reason = foreignOrigin(headers);
  if (reason)
    throw new AppError("CROSS_SITE_REQUEST", {
      detail: `Refused a change sent from another site (${reason}).`,
    });
}
