"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useMemo, useState, type ReactNode } from "react";
import { useLocale } from "../i18n/LocaleProvider";
import { useTRPC } from "../trpc/trpc";
import { defaultScriptLocale } from "../scripts/LocaleInput";
import { StatusBadge } from "../scripts/StatusBadge";
import { keyForNewScript, matchScripts, scriptPreviewText } from "./scriptPickerText";
import styles from "./canvas.module.css";

type Props = {
  label: string;
  value: string | undefined;
  required: boolean;
  invalid: boolean;
  describedBy: string | undefined;
  errors: ReactNode;
  onChange: (key: string | undefined) => void;
};

const CREATE = "\u0000create";

/**
 * A node's script: a search over the workspace's scripts (key or name, with their status), the
 * approved wording previewed as an option is highlighted, and "create a new script" from the typed
 * name. A key typed by hand still works (the validator names one that does not exist).
 */
export function ScriptPicker({ label, value, required, invalid, describedBy, errors, onChange }: Props) {
  const { t, locale } = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [highlight, setHighlight] = useState(0);
  const [created, setCreated] = useState<string | null>(null);
  // What is typed stays a search until a script is chosen (or the field is left with a key typed by hand).
  const [draft, setDraft] = useState<string | null>(null);
  const list = useQuery({ ...trpc.scripts.list.queryOptions({}), enabled: open, staleTime: 10_000 });
  const approved = useQuery({ ...trpc.scripts.approved.queryOptions(), enabled: open, staleTime: 60_000 });
  const create = useMutation(
    trpc.scripts.create.mutationOptions({
      onSuccess: async (r) => {
        setDraft(null);
        onChange(r.key);
        setCreated(r.key);
        setOpen(false);
        await queryClient.invalidateQueries({ queryKey: trpc.scripts.pathKey() });
      },
    }),
  );
  const query = draft ?? value ?? "";
  const matches = useMemo(() => matchScripts(list.data ?? [], query), [list.data, query]);
  const canCreate = query.trim() !== "" && !(list.data ?? []).some((s) => s.key === query.trim());
  const options = [...matches.map((s) => s.key), ...(canCreate ? [CREATE] : [])];
  const active = options[Math.min(highlight, options.length - 1)];
  const previewDoc = approved.data?.find((d) => d.key === active);
  const choose = (key: string) => {
    if (key === CREATE) {
      const taken = new Set((list.data ?? []).map((s) => s.key));
      create.mutate({ key: keyForNewScript(query, taken), name: query.trim(), locale: defaultScriptLocale(locale) });
      return;
    }
    setDraft(null);
    onChange(key);
    setOpen(false);
  };
  const leave = () => {
    setOpen(false);
    if (draft === null || create.isPending) return;
    setDraft(null);
    if (draft.trim() !== (value ?? "")) onChange(draft.trim() === "" && !required ? undefined : draft.trim());
  };
  const listId = `${id}-scripts`;
  return (
    <div className={`${styles.field} ${invalid ? styles.fieldInvalid : ""} ${styles.scriptPicker}`}>
      <label className={styles.field}>
        <span>{label}</span>
        <input
          type="text"
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          placeholder={t("scriptPicker.placeholder")}
          value={query}
          onFocus={() => setOpen(true)}
          onBlur={leave}
          onChange={(e) => {
            setOpen(true);
            setHighlight(0);
            setCreated(null);
            setDraft(e.target.value);
          }}
          onKeyDown={(e) => {
            if (!open || options.length === 0) return;
            if (e.key === "ArrowDown") setHighlight((h) => (h + 1) % options.length);
            else if (e.key === "ArrowUp") setHighlight((h) => (h + options.length - 1) % options.length);
            else if (e.key === "Enter" && active) choose(active);
            else if (e.key === "Escape") {
              setOpen(false);
              setDraft(null);
            } else return;
            e.preventDefault();
          }}
        />
      </label>
      {open && (
        <div className={styles.scriptPickerPopup}>
          <ul role="listbox" id={listId} aria-label={t("scriptPicker.list")}>
            {list.isPending && <li className={styles.muted}>{t("common.loading")}</li>}
            {matches.map((s, i) => (
              <li
                key={s.key}
                role="option"
                aria-selected={options[highlight] === s.key}
                onMouseEnter={() => setHighlight(i)}
                onMouseDown={(e) => (e.preventDefault(), choose(s.key))}
              >
                <span>
                  {s.name} <code>{s.key}</code>
                </span>
                <StatusBadge status={s.approvedVersion ? "approved" : s.status} />
              </li>
            ))}
            {list.data && matches.length === 0 && <li className={styles.muted}>{t("scriptPicker.none")}</li>}
            {canCreate && (
              <li
                role="option"
                aria-selected={options[highlight] === CREATE}
                onMouseEnter={() => setHighlight(matches.length)}
                onMouseDown={(e) => (e.preventDefault(), choose(CREATE))}
              >
                {t("scriptPicker.create", { name: query.trim() })}
              </li>
            )}
          </ul>
          {active && active !== CREATE && (
            <div className={styles.scriptPickerPreview} data-testid="script-picker-preview">
              {previewDoc ? scriptPreviewText(previewDoc) : t("scriptPicker.noApproved")}
            </div>
          )}
        </div>
      )}
      {create.isError && (
        <span className={styles.fieldError} role="alert">
          {create.error.message}
        </span>
      )}
      {value && !open && draft === null && (
        <a
          className={styles.scriptPickerOpen}
          href={`/scripts/${encodeURIComponent(value)}`}
          target="_blank"
          rel="noreferrer"
        >
          {created === value ? t("scriptPicker.openCreated") : t("scriptPicker.open")}
        </a>
      )}
      {errors}
    </div>
  );
}
