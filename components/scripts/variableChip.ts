// The editor's variable chip: one Tiptap extension (a Mention renamed `variable`, attrs `name`,
// `default` and `format`, flows/scripts/chipFormats.ts) triggered by `{{` or `@`. Its JSON is what docToTemplate renders; variableChipText.ts
// converts it to and from `{{ name }}` Liquid text.
import { mergeAttributes } from "@tiptap/core";
import { Mention, type MentionNodeAttrs } from "@tiptap/extension-mention";
import { PluginKey } from "@tiptap/pm/state";
import type { SuggestionOptions } from "@tiptap/suggestion";
import { suggestionRenderer, type SuggestionItem } from "./suggestionStore";

export type VariableChipOptions = { items: (query: string) => SuggestionItem[] };

export function variableChip({ items }: VariableChipOptions) {
  const trigger = (char: string, key: string): Omit<SuggestionOptions<SuggestionItem, MentionNodeAttrs>, "editor"> => ({
    char,
    pluginKey: new PluginKey(key),
    allowedPrefixes: null,
    items: ({ query }) => items(query.replace(/^\s+/, "")),
    render: suggestionRenderer,
    command: ({ editor, range, props }) => {
      editor
        .chain()
        .focus()
        // No trailing space: the text goes on where the chip ends (`尊敬的王芳，`, not `王芳 ，`).
        .insertContentAt(range, { type: "variable", attrs: { name: props.id } })
        .run();
    },
  });
  return VariableChipNode.configure({
    deleteTriggerWithBackspace: true,
    suggestions: [trigger("{{", "variableBraces"), trigger("@", "variableAt")],
  });
}

const VariableChipNode = Mention.extend({
  name: "variable",
  addAttributes() {
    return {
      name: {
        default: null,
        parseHTML: (el: HTMLElement) => el.getAttribute("data-name"),
        renderHTML: (a: Record<string, unknown>) => ({ "data-name": a.name }),
      },
      default: {
        default: null,
        parseHTML: (el: HTMLElement) => el.getAttribute("data-default"),
        renderHTML: (a: Record<string, unknown>) => (a.default ? { "data-default": a.default } : {}),
      },
      format: {
        default: null,
        parseHTML: (el: HTMLElement) => el.getAttribute("data-format"),
        renderHTML: (a: Record<string, unknown>) => (a.format ? { "data-format": a.format } : {}),
      },
    };
  },
  parseHTML() {
    return [{ tag: 'span[data-type="variable"]' }];
  },
  renderHTML({ node, HTMLAttributes }) {
    const fallback = typeof node.attrs.default === "string" && node.attrs.default ? ` | ${node.attrs.default}` : "";
    return [
      "span",
      mergeAttributes({ "data-type": "variable", class: "variable-chip", contenteditable: "false" }, HTMLAttributes),
      `${String(node.attrs.name)}${fallback}`,
    ];
  },
  renderText({ node }) {
    return `{{ ${String(node.attrs.name)} }}`;
  },
});
