// A conditional block: its paragraphs are said or sent only when `when` holds for the customer
// (`{% if when %}…{% endif %}` in the template, flows/scripts/docToTemplate.ts).
import { mergeAttributes, Node } from "@tiptap/core";

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    conditional: {
      /** Puts the selected blocks under `when`; inside a condition already, changes it. */
      setCondition: (when: string) => ReturnType;
      /** Takes the selected blocks out of their condition. */
      unsetCondition: () => ReturnType;
    };
  }
}

export const ConditionalNode = Node.create({
  name: "conditional",
  group: "block",
  content: "block+",
  defining: true,
  addAttributes() {
    return {
      when: {
        default: "",
        parseHTML: (el: HTMLElement) => el.getAttribute("data-when") ?? "",
        renderHTML: (a: Record<string, unknown>) => ({ "data-when": String(a.when ?? "") }),
      },
    };
  },
  parseHTML() {
    return [{ tag: 'div[data-type="conditional"]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["div", mergeAttributes({ "data-type": "conditional", class: "conditional-block" }, HTMLAttributes), 0];
  },
  addCommands() {
    return {
      setCondition:
        (when: string) =>
        ({ editor, commands }) =>
          editor.isActive(this.name)
            ? commands.updateAttributes(this.name, { when })
            : commands.wrapIn(this.name, { when }),
      unsetCondition:
        () =>
        ({ commands }) =>
          commands.lift(this.name),
    };
  },
});
