"use client";

import { memo, useState } from "react";
import { useLocale } from "../i18n/LocaleProvider";
import type { Decorations } from "./decorations";
import type { EditorStore } from "./editorStore";
import { useFindNode } from "./useFindNode";
import styles from "./canvas.module.css";

type Props = { store: EditorStore; decorations: Decorations; onMessage: (message: string) => void };

/** The toolbar's "find a node" box: Enter selects the next match and centres the canvas on it. */
export const FindNode = memo(function FindNode({ store, decorations, onMessage }: Props) {
  const { t } = useLocale();
  const [query, setQuery] = useState("");
  const find = useFindNode(store, decorations, onMessage);
  return (
    <form
      className={styles.search}
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        find(query);
      }}
    >
      <input
        type="search"
        aria-label={t("editor.findNode")}
        placeholder={t("editor.findNode")}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
    </form>
  );
});
