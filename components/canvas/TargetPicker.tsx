"use client";

import { useEffect, useId, useState } from "react";
import { useLocale } from "../i18n/LocaleProvider";
import styles from "./canvas.module.css";

/** Above this many nodes a list of every node per connection costs more than it helps: type instead. */
export const PICKER_LIST_LIMIT = 300;

type Props = {
  /** The nodes a connection may go to. */
  ids: readonly string[];
  /** The node it goes to now; "" for none. */
  value: string;
  /** Called with a node id, or "" to disconnect. */
  onChange: (id: string) => void;
  label: string;
};

/**
 * Chooses the node a connection goes to. Ordinary flows get a list; big ones a text field that
 * suggests ids once focused, so selecting a node in a 2,000-node flow does not build thousands of
 * options for each of its connections.
 */
export function TargetPicker({ ids, value, onChange, label }: Props) {
  const { t } = useLocale();
  if (ids.length <= PICKER_LIST_LIMIT) {
    return (
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t("editor.notConnected")}</option>
        {ids.map((id) => (
          <option key={id} value={id}>
            {id}
          </option>
        ))}
      </select>
    );
  }
  return <TypedTarget ids={ids} value={value} onChange={onChange} label={label} />;
}

function TypedTarget({ ids, value, onChange, label }: Props) {
  const { t } = useLocale();
  const listId = useId();
  const [text, setText] = useState(value);
  const [suggesting, setSuggesting] = useState(false);
  useEffect(() => setText(value), [value]);
  const known = text === "" || ids.includes(text);
  // Enter keeps an unknown id on show (marked); leaving the field puts the connection's target back.
  const commit = (leaving: boolean) => {
    if (text === value) return;
    if (known) onChange(text);
    else if (leaving) setText(value);
  };
  return (
    <span className={known ? undefined : styles.fieldInvalid}>
      <input
        aria-label={label}
        aria-invalid={!known}
        title={known ? undefined : t("editor.noSuchNode", { id: text })}
        list={suggesting ? listId : undefined}
        placeholder={t("editor.typeNodeId")}
        value={text}
        onFocus={() => setSuggesting(true)}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => commit(true)}
        onKeyDown={(e) => e.key === "Enter" && commit(false)}
      />
      {suggesting && (
        <datalist id={listId}>
          {ids.map((id) => (
            <option key={id} value={id} />
          ))}
        </datalist>
      )}
    </span>
  );
}
