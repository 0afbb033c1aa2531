// The Tiptap extensions of a script variant's editor, in one list: the editor mounts them, and the
// round-trip test builds the same ProseMirror schema from them (no DOM needed).
import type { AnyExtension } from "@tiptap/core";
import { StarterKit } from "@tiptap/starter-kit";
import { safeHref } from "../../flows/scripts/safeHref";
import { ConditionalNode } from "./conditionalNode";
import { PauseNode } from "./pauseNode";
import { SnippetNode } from "./snippetNode";
import { variableChip, type VariableChipOptions } from "./variableChip";

/**
 * Only what every channel can render: no headings, code, italics, strike or underline. A link comes
 * only from the Link button: no autolink while typing, none on paste (`{{ customer.name }}` looks like a
 * domain to linkify), and no custom linkify protocols (registering them again on every mount is what
 * printed "linkifyjs: already initialized"); the href is checked as the renderer checks it.
 */
export function scriptEditorExtensions(chips: VariableChipOptions): AnyExtension[] {
  return [
    StarterKit.configure({
      heading: false,
      code: false,
      codeBlock: false,
      blockquote: false,
      horizontalRule: false,
      italic: false,
      strike: false,
      underline: false,
      link: {
        openOnClick: false,
        // No target/rel/class attrs: the stored mark is `{ href }` and stays so through save and reload.
        HTMLAttributes: { target: null, rel: null, class: null },
        autolink: false,
        linkOnPaste: false,
        shouldAutoLink: () => false,
        isAllowedUri: (url) => safeHref(url) !== undefined,
      },
    }),
    variableChip(chips),
    PauseNode,
    ConditionalNode,
    SnippetNode,
  ];
}
