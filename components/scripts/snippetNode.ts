// A snippet put into a script (issue 14, item 7): an inline chip naming the snippet's key. The runtime
// says the snippet's approved version there (flows/scripts/snippets.ts).
import { mergeAttributes, Node } from "@tiptap/core";

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    snippet: { insertSnippet: (key: string) => ReturnType };
  }
}

export const SnippetNode = Node.create({
  name: "snippet",
  group: "inline",
  inline: true,
  atom: true,
  selectable: true,
  addAttributes() {
    return {
      key: {
        default: null,
        parseHTML: (el: HTMLElement) => el.getAttribute("data-key"),
        renderHTML: (a: Record<string, unknown>) => ({ "data-key": a.key }),
      },
    };
  },
  parseHTML() {
    return [{ tag: 'span[data-type="snippet"]' }];
  },
  renderHTML({ node, HTMLAttributes }) {
    return [
      "span",
      mergeAttributes({ "data-type": "snippet", class: "snippet-chip", contenteditable: "false" }, HTMLAttributes),
      `§ ${String(node.attrs.key)}`,
    ];
  },
  renderText({ node }) {
    return `[snippet ${String(node.attrs.key)}]`;
  },
  addCommands() {
    return {
      insertSnippet:
        (key: string) =>
        ({ commands }) =>
          commands.insertContent({ type: this.name, attrs: { key } }),
    };
  },
});
