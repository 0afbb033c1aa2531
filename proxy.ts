import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy } from "./server/auth/contentSecurityPolicy";

// A fresh nonce per page request for the Content-Security-Policy (see server/auth/contentSecurityPolicy.ts).
// It only sets headers: no authorisation decision is made here (every tRPC procedure and page checks
// the session itself). /api/v1 never reaches Next (server/main.ts hands it to Hono), and the matcher
// leaves out the other APIs and static files.
export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  // Lets a layout that sends a signed-out visitor to /sign-in bring them back to this page afterwards.
  headers.set("x-journey-path", request.nextUrl.pathname + request.nextUrl.search);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      missing: [{ type: "header", key: "next-router-prefetch" }],
    },
  ],
};
