import { LINK_CLOSE, LINK_HREF } from "./markupSentinels";
import { isAllowedProtocol, urlScheme } from "./safeHref";
import { lineAt } from "./scriptDiagnostic";

export type LinkFinding = {
  kind: "unsafe" | "relative" | "dynamic";
  href: string;
  line: number;
};

/**
 * Checks the links written in a prepared template. A literal URL must start with an allowed protocol;
 * a URL that starts with Liquid (`[Pay]({{ url }})`) gets its protocol from data, so it is reported
 * for review: at render it is checked again and dropped when unsafe.
 */
export function findLinkProblems(source: string): LinkFinding[] {
  const out: LinkFinding[] = [];
  for (let at = source.indexOf(LINK_HREF); at !== -1; at = source.indexOf(LINK_HREF, at + 1)) {
    const end = source.indexOf(LINK_CLOSE, at);
    if (end === -1) break;
    const href = source.slice(at + 1, end);
    const line = lineAt(source, at);
    const literal = href.split(/\{[{%]/)[0] ?? "";
    const scheme = urlScheme(literal);
    if (scheme === undefined && literal.trim() === "") out.push({ kind: "dynamic", href, line });
    else if (scheme === undefined) out.push({ kind: "relative", href, line });
    else if (!isAllowedProtocol(scheme)) out.push({ kind: "unsafe", href, line });
  }
  return out;
}
