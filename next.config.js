// @ts-check

/** @type {import("next").NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Separate build folders let parallel UI test runs (NEXT_DIST_DIR) build without clobbering each other.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  reactStrictMode: true,
  // Loaded from node_modules at run time rather than bundled: PGlite ships WebAssembly and data
  // files, and the drivers must be the same instances the API server (server/main.ts) uses.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "pg-boss"],
  // Security headers on every studio response, static files included (the Content-Security-Policy, with
  // its per-request nonce, comes from proxy.ts). /api/v1 is answered by Hono and never gets here.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
  typescript: {
    // `npm run typecheck` (tsc over the whole repository, in CI) is the type gate. `next build` runs on
    // every `npm start`, and re-checking there would only slow start-up and let a type error in any
    // folder stop the studio from starting.
    ignoreBuildErrors: true,
  },
};

export default nextConfig;
