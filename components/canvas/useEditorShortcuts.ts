"use client";

import { useEffect } from "react";
import type { EditorStore } from "./editorStore";

type Shortcuts = {
  store: EditorStore;
  copy: () => void;
  paste: () => void;
  /** While a comparison covers the canvas, keys typed on the page are not the canvas's. */
  paused: boolean;
  /** A read-only canvas only copies. */
  readOnly: boolean;
};

/**
 * The canvas's keyboard shortcuts, on the whole window: Ctrl/⌘+C copies, +Z undoes, +Shift+Z or +Y
 * redoes, +V pastes, +A selects every node. Not while typing in a field. (Delete is React Flow's.)
 */
export function useEditorShortcuts({ store, copy, paste, paused, readOnly }: Shortcuts): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target;
      if (
        target instanceof HTMLElement &&
        (target.closest("input, textarea, select, [contenteditable=true]") || paused)
      )
        return;
      const mod = event.ctrlKey || event.metaKey;
      if (!mod) return;
      const key = event.key.toLowerCase();
      if (key === "c") copy();
      else if (readOnly) return;
      else if (key === "z" && !event.shiftKey) store.undo();
      else if ((key === "z" && event.shiftKey) || key === "y") store.redo();
      else if (key === "v") paste();
      else if (key === "a") store.select(new Set(store.get().nodes.map((n) => n.id)));
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [store, copy, paste, paused, readOnly]);
}
