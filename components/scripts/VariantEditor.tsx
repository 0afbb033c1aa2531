"use client";

import { EditorContent, useEditor } from "@tiptap/react";
import { Placeholder } from "@tiptap/extensions";
import { NodeSelection } from "@tiptap/pm/state";
import type { EditorView } from "@tiptap/pm/view";
import { useEffect, useRef, useState } from "react";
import type { CSSProperties } from "react";
import { isChipFormat } from "../../flows/scripts/chipFormats";
import type { ScriptChannel, TiptapNode } from "../../flows/scripts/scriptDocument";
import { ChipPopover, type ChipSettings } from "./ChipPopover";
import { useLocale } from "../i18n/LocaleProvider";
import { scriptEditorExtensions } from "./scriptEditorExtensions";
import type { SuggestionItem } from "./suggestionStore";
import { cleanDoc } from "./variableChipText";
import styles from "./scripts.module.css";
import { PauseIcon } from "../studio/PauseIcon";

const NO_CONDITION = "\u0000always";

type Props = {
  channel: ScriptChannel;
  locale: string | undefined;
  initial: TiptapNode;
  variables: readonly SuggestionItem[];
  readOnly: boolean;
  /** The workspace's approved snippets, offered for insertion. */
  snippets?: readonly { key: string; name: string }[];
  onChange: (doc: TiptapNode) => void;
};

type OpenChip = { pos: number; settings: ChipSettings; at: { left: number; top: number } };

/**
 * One variant's Tiptap 3 editor: bold, links, lists, variable chips (`{{` or `@`; click one, or Enter
 * on a selected one, for its default and format), voice pauses, conditions.
 */
export function VariantEditor({ channel, locale, initial, variables, readOnly, snippets = [], onChange }: Props) {
  const { t } = useLocale();
  const onChangeRef = useRef(onChange);
  const variablesRef = useRef(variables);
  const [chip, setChip] = useState<OpenChip | null>(null);
  const openChipRef = useRef<(view: EditorView, pos: number) => void>(() => undefined);
  useEffect(() => {
    onChangeRef.current = onChange;
    variablesRef.current = variables;
    openChipRef.current = (view, pos) => {
      const node = view.state.doc.nodeAt(pos);
      if (readOnly || node?.type.name !== "variable") return;
      const dom = view.nodeDOM(pos);
      const rect = dom instanceof HTMLElement ? dom.getBoundingClientRect() : null;
      setChip({
        pos,
        settings: {
          name: String(node.attrs.name),
          default: typeof node.attrs.default === "string" ? node.attrs.default : "",
          format: isChipFormat(node.attrs.format) ? node.attrs.format : "",
        },
        at: { left: rect?.left ?? 0, top: (rect?.bottom ?? 0) + 4 },
      });
    };
  });
  const editor = useEditor({
    immediatelyRender: false,
    editable: !readOnly,
    extensions: [
      ...scriptEditorExtensions({
        items: (query) => {
          const q = query.toLowerCase();
          return variablesRef.current.filter((v) => v.name.toLowerCase().includes(q)).slice(0, 12);
        },
      }),
      Placeholder.configure({ placeholder: t("scripts.editor.placeholder") }),
    ],
    content: initial,
    editorProps: {
      attributes: {
        class: styles.prose ?? "",
        "aria-label": t("scripts.editor.label"),
        "data-testid": "variant-editor",
        spellcheck: "true",
      },
      handleClickOn: (view, _pos, node, nodePos, _event, direct) => {
        if (!direct || node.type.name !== "variable") return false;
        openChipRef.current(view, nodePos);
        return true;
      },
      handleKeyDown: (view, event) => {
        const selection = view.state.selection;
        if (event.key !== "Enter" || !(selection instanceof NodeSelection)) return false;
        if (selection.node.type.name !== "variable") return false;
        openChipRef.current(view, selection.from);
        return true;
      },
    },
    onUpdate: ({ editor: e }) => onChangeRef.current(cleanDoc(e.getJSON())),
  });
  useEffect(() => {
    editor?.setEditable(!readOnly);
  }, [editor, readOnly]);

  const applyChip = (settings: ChipSettings) => {
    const pos = chip?.pos;
    setChip(null);
    if (!editor || pos === undefined) return;
    editor
      .chain()
      .focus()
      .command(({ tr }) => {
        const node = tr.doc.nodeAt(pos);
        if (node?.type.name !== "variable") return false;
        tr.setNodeMarkup(pos, undefined, {
          ...node.attrs,
          default: settings.default || null,
          format: settings.format || null,
        });
        return true;
      })
      .run();
  };

  const insertVariable = (name: string) => {
    if (!editor || !name) return;
    editor.chain().focus().insertContent({ type: "variable", attrs: { name } }).run();
  };
  // Puts the paragraphs at the cursor under a condition on a variable (or takes them out of it).
  const setCondition = (choice: string) => {
    if (!editor || !choice) return;
    if (choice === NO_CONDITION) editor.chain().focus().unsetCondition().run();
    else editor.chain().focus().setCondition(choice).run();
  };
  const setLink = () => {
    if (!editor) return;
    const previous = editor.getAttributes("link").href;
    const href = window.prompt(t("scripts.editor.linkPrompt"), typeof previous === "string" ? previous : "https://");
    if (href === null) return;
    if (href === "") editor.chain().focus().extendMarkRange("link").unsetLink().run();
    else editor.chain().focus().extendMarkRange("link").setLink({ href }).run();
  };

  return (
    <div
      className={styles.editorBox}
      style={{ "--only-if": JSON.stringify(t("scripts.editor.onlyIf")) } as CSSProperties}
    >
      <div className={styles.toolbar} role="toolbar" aria-label={t("scripts.editor.toolbar")}>
        <button
          type="button"
          disabled={readOnly}
          aria-pressed={editor?.isActive("bold") ?? false}
          onClick={() => editor?.chain().focus().toggleBold().run()}
          title={t("scripts.editor.bold")}
        >
          <b>B</b>
        </button>
        <button
          type="button"
          disabled={readOnly}
          aria-pressed={editor?.isActive("link") ?? false}
          onClick={setLink}
          title={t("scripts.editor.link")}
        >
          <u>{t("scripts.editor.link")}</u>
        </button>
        <button
          type="button"
          disabled={readOnly}
          onClick={() => editor?.chain().focus().toggleBulletList().run()}
          title={t("scripts.editor.bullets")}
        >
          •≡
        </button>
        <button
          type="button"
          disabled={readOnly}
          onClick={() => editor?.chain().focus().toggleOrderedList().run()}
          title={t("scripts.editor.numbers")}
        >
          1.≡
        </button>
        {channel === "voice" && (
          <button
            type="button"
            disabled={readOnly}
            onClick={() => editor?.chain().focus().insertPause(300).run()}
            title={t("scripts.editor.pause")}
          >
            <PauseIcon /> {t("scripts.editor.pause")}
          </button>
        )}
        <select
          aria-label={t("scripts.editor.insertVariable")}
          value=""
          disabled={readOnly}
          onChange={(e) => insertVariable(e.target.value)}
        >
          <option value="">{`{{ }} ${t("scripts.editor.insertVariable")}`}</option>
          {variables.map((v) => (
            <option key={v.name} value={v.name}>
              {v.name}
            </option>
          ))}
        </select>
        <select
          aria-label={t("scripts.editor.condition")}
          value=""
          disabled={readOnly}
          onChange={(e) => setCondition(e.target.value)}
        >
          <option value="">{t("scripts.editor.condition")}</option>
          {editor?.isActive("conditional") && <option value={NO_CONDITION}>{t("scripts.editor.always")}</option>}
          {variables.map((v) => (
            <option key={v.name} value={v.name}>
              {v.name}
            </option>
          ))}
        </select>
        {snippets.length > 0 && (
          <select
            aria-label={t("snippets.insert")}
            value=""
            disabled={readOnly}
            onChange={(e) => e.target.value && editor?.chain().focus().insertSnippet(e.target.value).run()}
          >
            <option value="">{`§ ${t("snippets.insert")}`}</option>
            {snippets.map((s) => (
              <option key={s.key} value={s.key}>
                {s.name} ({s.key})
              </option>
            ))}
          </select>
        )}
        <span className={styles.hint}>
          {t("scripts.editor.hint")} · {t("scripts.chip.hint")}
        </span>
      </div>
      <EditorContent editor={editor} />
      {chip && (
        <ChipPopover
          key={chip.pos}
          chip={chip.settings}
          variantLocale={locale}
          at={chip.at}
          onApply={applyChip}
          onClose={() => (setChip(null), editor?.commands.focus())}
        />
      )}
    </div>
  );
}
