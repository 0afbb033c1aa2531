// The open variable suggestion, kept outside React so Tiptap's suggestion plugin can drive it and a
// React menu (VariableMenu) can show it through useSyncExternalStore. One editor has focus at a time.
import type { SuggestionKeyDownProps, SuggestionProps } from "@tiptap/suggestion";
import type { MentionNodeAttrs } from "@tiptap/extension-mention";

export type SuggestionItem = { name: string; source: string };

export type OpenSuggestion = {
  items: SuggestionItem[];
  index: number;
  rect: { left: number; bottom: number } | null;
  select: (item: SuggestionItem) => void;
};

let current: OpenSuggestion | null = null;
const listeners = new Set<() => void>();

function set(next: OpenSuggestion | null): void {
  current = next;
  for (const l of listeners) l();
}

export const suggestionStore = {
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  get: (): OpenSuggestion | null => current,
};

function open(props: SuggestionProps<SuggestionItem, MentionNodeAttrs>, index: number): void {
  const r = props.clientRect?.();
  set({
    items: props.items,
    index: Math.min(index, Math.max(0, props.items.length - 1)),
    rect: r ? { left: r.left, bottom: r.bottom } : null,
    select: (item) => props.command({ id: item.name, label: item.name }),
  });
}

export function suggestionRenderer() {
  return {
    onStart: (props: SuggestionProps<SuggestionItem, MentionNodeAttrs>) => open(props, 0),
    onUpdate: (props: SuggestionProps<SuggestionItem, MentionNodeAttrs>) => open(props, current?.index ?? 0),
    onKeyDown: ({ event }: SuggestionKeyDownProps): boolean => {
      if (!current || current.items.length === 0) return false;
      const n = current.items.length;
      if (event.key === "ArrowDown") return (set({ ...current, index: (current.index + 1) % n }), true);
      if (event.key === "ArrowUp") return (set({ ...current, index: (current.index + n - 1) % n }), true);
      if (event.key === "Enter" || event.key === "Tab") {
        const item = current.items[current.index];
        if (item) current.select(item);
        return true;
      }
      if (event.key === "Escape") return (set(null), true);
      return false;
    },
    onExit: () => set(null),
  };
}
