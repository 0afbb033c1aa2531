import { BOLD_CLOSE, BOLD_OPEN, LINK_CLOSE, LINK_HREF, LINK_OPEN, PAUSE_CLOSE, PAUSE_OPEN } from "./markupSentinels";

const back: Record<string, string> = {
  [BOLD_OPEN]: "**",
  [BOLD_CLOSE]: "**",
  [LINK_OPEN]: "[",
  [LINK_HREF]: "](",
  [LINK_CLOSE]: ")",
  [PAUSE_OPEN]: "[pause ",
  [PAUSE_CLOSE]: "ms]",
};

/**
 * A prepared template (markup as sentinels, e.g. from an editor document) as the light-markup text a
 * `text` variant holds: `prepareText` of the result gives the same template back for what the editor
 * writes (bold runs do not start or end with a space; literal `**` typed into the editor is the exception).
 */
export function preparedToText(source: string): string {
  return source.replace(/[\uE000-\uE006]/g, (ch) => back[ch] ?? "");
}
