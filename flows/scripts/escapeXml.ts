const XML_SPECIAL = /[&<>"']/g;
const XML_ENTITY: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for XML/HTML content and quoted attributes alike. */
export function escapeXml(s: string): string {
  return s.replace(XML_SPECIAL, (c) => XML_ENTITY[c] ?? c);
}
