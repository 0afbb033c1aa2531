// A voice pause (`[pause 300ms]` in text, `<break time="300ms"/>` in SSML) as an inline atom.
import { mergeAttributes, Node } from "@tiptap/core";

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    pause: { insertPause: (ms: number) => ReturnType };
  }
}

export const PauseNode = Node.create({
  name: "pause",
  group: "inline",
  inline: true,
  atom: true,
  selectable: true,
  addAttributes() {
    return {
      ms: {
        default: 300,
        parseHTML: (el: HTMLElement) => Number(el.getAttribute("data-ms") ?? 300),
        renderHTML: (a: Record<string, unknown>) => ({ "data-ms": a.ms }),
      },
    };
  },
  parseHTML() {
    return [{ tag: 'span[data-type="pause"]' }];
  },
  renderHTML({ node, HTMLAttributes }) {
    return [
      "span",
      mergeAttributes({ "data-type": "pause", class: "pause-chip", contenteditable: "false" }, HTMLAttributes),
      // Two bars drawn in SVG: no font of the studio has a glyph for U+23F8 (Chromium drew a box).
      [
        "http://www.w3.org/2000/svg svg",
        { width: "10", height: "10", viewBox: "0 0 12 12", "aria-hidden": "true", "data-icon": "pause" },
        ["http://www.w3.org/2000/svg rect", { x: "2", y: "1", width: "3", height: "10", fill: "currentColor" }],
        ["http://www.w3.org/2000/svg rect", { x: "7", y: "1", width: "3", height: "10", fill: "currentColor" }],
      ],
      ` ${Number(node.attrs.ms)} ms`,
    ];
  },
  renderText({ node }) {
    return `[pause ${Number(node.attrs.ms)}ms]`;
  },
  addCommands() {
    return {
      insertPause:
        (ms: number) =>
        ({ commands }) =>
          commands.insertContent({ type: this.name, attrs: { ms } }),
    };
  },
});
