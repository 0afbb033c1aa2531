// The studio's security headers. Edge/proxy-safe: no Node or server imports (proxy.ts uses it).
//
// Scripts: only this origin and inline scripts carrying the per-request nonce ('strict-dynamic' lets
// those load Next's chunks). Next reads the nonce from the request's Content-Security-Policy header
// and puts it on the scripts it renders; so every page is rendered per request (they already are: the
// layouts read cookies). In development React needs eval for its debugging aids: 'unsafe-eval' there only.
// X-Content-Type-Options, Referrer-Policy and X-Frame-Options are set in next.config.js `headers()`.
// Styles keep 'unsafe-inline': React Flow and Tiptap set style attributes, which nonces cannot cover.

export function contentSecurityPolicy(nonce: string, options: { dev?: boolean } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    // The canvas validates in a worker loaded from this origin.
    "worker-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${options.dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
