/** Protocols a rendered link may use; anything else (javascript:, data:, vbscript:, relative) is dropped. */
export const allowedLinkProtocols = ["http", "https", "mailto", "tel"] as const;
const allowed: ReadonlySet<string> = new Set(allowedLinkProtocols);

/** Whether a (lower-case) scheme may be linked to. */
export function isAllowedProtocol(scheme: string): boolean {
  return allowed.has(scheme);
}

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
const STRIPPED_BY_BROWSERS = /[\t\n\r]/g;
// eslint-disable-next-line no-control-regex -- control characters are what this matches
const NEEDS_ENCODING = /[\u0000-\u0020\u007F-\u009F"'<>`\\^{|}]/g;
const MAX_HREF = 2_048;

/**
 * The href to emit for a link, or `undefined` when it is not safe. The URL is normalised first the way
 * a browser would read it (tabs and newlines removed, other awkward characters percent-encoded), so
 * the scheme checked is the scheme followed: `JaVaScRiPt:`, `java\tscript:`, ` javascript:` all fail.
 */
export function safeHref(raw: string): string | undefined {
  const url = raw
    .trim()
    .replace(STRIPPED_BY_BROWSERS, "")
    .replace(NEEDS_ENCODING, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0"));
  if (!url || url.length > MAX_HREF) return undefined;
  const scheme = SCHEME.exec(url)?.[1]?.toLowerCase();
  return scheme && isAllowedProtocol(scheme) ? url : undefined;
}

/** The scheme written at the start of a URL, lower-cased (`undefined` for a relative URL). */
export function urlScheme(raw: string): string | undefined {
  return SCHEME.exec(raw.trim().replace(STRIPPED_BY_BROWSERS, ""))?.[1]?.toLowerCase();
}
