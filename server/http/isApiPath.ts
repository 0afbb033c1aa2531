// Which requests the Hono API answers (the rest go to Next).
import "server-only";
export const API_BASE = "/api/v1";

/** `/api/v1`, `/api/v1/…` and `/api/v1?…`; not `/api/v10` nor `/api/v1x`. */
export function isApiPath(url: string | undefined): boolean {
  if (!url?.startsWith(API_BASE)) return false;
  const after = url.charAt(API_BASE.length);
  return after === "" || after === "/" || after === "?";
}
