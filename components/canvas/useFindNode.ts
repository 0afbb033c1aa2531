"use client";

import { useCallback } from "react";
import { useReactFlow } from "@xyflow/react";
import { findNodes } from "../../flows/canvas/findNodes";
import { useLocale } from "../i18n/LocaleProvider";
import type { Decorations } from "./decorations";
import type { CanvasEdge, CanvasNode, EditorStore } from "./editorStore";

/**
 * Find a node by id, type, label, script, outcome or stage: marks every match (the `search`
 * decoration), selects the match after the selected one (`direction` -1: before) and centres on it.
 */
export function useFindNode(
  store: EditorStore,
  decorations: Decorations,
  onMessage: (message: string) => void,
): (query: string, direction?: 1 | -1) => void {
  const { t } = useLocale();
  const flow = useReactFlow<CanvasNode, CanvasEdge>();
  return useCallback(
    (query: string, direction: 1 | -1 = 1) => {
      const matches = findNodes(store.get().nodes, query);
      decorations.setLayer("search", new Map(matches.map((n) => [n.id, "match"])));
      if (matches.length === 0) {
        if (query.trim()) onMessage(t("editor.findNone"));
        return;
      }
      const currentIndex = matches.findIndex((n) => n.selected);
      const next = matches[(currentIndex + direction + matches.length) % matches.length] ?? matches[0]!;
      store.select(new Set([next.id]));
      void flow.setCenter(next.position.x + 100, next.position.y + 50, { zoom: 1.1, duration: 250 });
    },
    [store, decorations, onMessage, t, flow],
  );
}
