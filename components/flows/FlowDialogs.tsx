"use client";

import { useEffect, useRef, useState } from "react";
import type { FormEvent, ReactNode } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useLocale } from "../i18n/LocaleProvider";
import { useTRPC } from "../trpc/trpc";
import { ExampleBringsNote, useExampleText } from "../firstRun/ExampleGallery";
import styles from "./library.module.css";

/** A modal <dialog>: focus moves in, Escape closes, the page behind is inert. */
export function Modal({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog ref={ref} className={styles.dialog} aria-label={title} onCancel={onClose} onClose={onClose}>
      <h2>{title}</h2>
      {children}
    </dialog>
  );
}

const FLOW_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}

export function CreateFlowDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (key: string) => void | Promise<void>;
}) {
  const { t } = useLocale();
  const trpc = useTRPC();
  const examples = useQuery(trpc.flows.examples.queryOptions());
  const create = useMutation(trpc.flows.create.mutationOptions());
  const [name, setName] = useState("");
  const [key, setKey] = useState("");
  const [keyEdited, setKeyEdited] = useState(false);
  // A name with no Latin letters (a Chinese one) still gets a key: this one, until the designer types another.
  const [fallbackKey] = useState(() => `flow-${Date.now().toString(36)}`);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [kind, setKind] = useState<"sop" | "mot">("sop");
  const [from, setFrom] = useState("");
  const chosenExample = examples.data?.find((example) => example.key === from);
  const exampleText = useExampleText();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // The studio's own messages, in the studio's language (not the browser's "Please fill out this field").
    if (!name.trim()) return setInvalid(t("library.nameRequired"));
    const chosen = key || slugify(name) || fallbackKey;
    if (!FLOW_KEY.test(chosen)) return setInvalid(t("library.keyInvalid"));
    setInvalid(null);
    const result = await create
      .mutateAsync({ key: chosen, name: name.trim(), kind, ...(from ? { fromExample: from } : {}) })
      .catch(() => undefined);
    if (result) await onCreated(result.key);
  };
  return (
    <Modal title={t("library.createTitle")} onClose={onClose}>
      <form className={styles.form} onSubmit={submit} noValidate>
        <label>
          {t("library.name")}
          <input
            required
            autoFocus
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              if (!keyEdited) setKey(e.target.value.trim() ? slugify(e.target.value) || fallbackKey : "");
            }}
          />
        </label>
        <label>
          {t("library.key")}
          <input
            required
            value={key}
            pattern={FLOW_KEY.source.slice(1, -1)}
            onChange={(e) => {
              setKey(e.target.value);
              setKeyEdited(true);
            }}
          />
          <span className={styles.hint}>{t("library.keyHint")}</span>
        </label>
        <label>
          {t("library.kind")}
          <select value={kind} onChange={(e) => setKind(e.target.value === "mot" ? "mot" : "sop")}>
            <option value="sop">{t("kind.sop")}</option>
            <option value="mot">{t("kind.mot")}</option>
          </select>
        </label>
        <label>
          {t("library.startFrom")}
          <select
            value={from}
            onChange={(e) => {
              setFrom(e.target.value);
              const example = examples.data?.find((x) => x.key === e.target.value);
              if (example) setKind(example.kind);
            }}
          >
            <option value="">{t("library.blank")}</option>
            {examples.data?.map((example) => (
              <option key={example.key} value={example.key}>
                {exampleText(example).name}
              </option>
            ))}
          </select>
        </label>
        {chosenExample && (
          <ExampleBringsNote example={chosenExample} examples={examples.data ?? []} className={styles.hint} />
        )}
        {invalid && (
          <p role="alert" className={styles.error}>
            {invalid}
          </p>
        )}
        {create.error && (
          <p role="alert" className={styles.error}>
            {create.error.message}
          </p>
        )}
        <div className={styles.actions}>
          <button type="submit" className={`${styles.button} ${styles.primary}`} disabled={create.isPending}>
            {t("library.create")}
          </button>
          <button type="button" className={styles.button} onClick={onClose}>
            {t("common.cancel")}
          </button>
        </div>
      </form>
    </Modal>
  );
}

export function DuplicateDialog({
  flowKey,
  name,
  onClose,
  onDone,
}: {
  flowKey: string;
  name: string;
  onClose: () => void;
  onDone: () => void | Promise<void>;
}) {
  const { t } = useLocale();
  const trpc = useTRPC();
  const duplicate = useMutation(trpc.flows.duplicate.mutationOptions());
  const [newKey, setNewKey] = useState(`${flowKey}-copy`);
  return (
    <Modal title={t("library.duplicateTitle", { name })} onClose={onClose}>
      <form
        className={styles.form}
        onSubmit={async (e) => {
          e.preventDefault();
          if (await duplicate.mutateAsync({ key: flowKey, newKey }).catch(() => undefined)) await onDone();
        }}
      >
        <label>
          {t("library.newKey")}
          <input required autoFocus value={newKey} onChange={(e) => setNewKey(e.target.value)} />
        </label>
        {duplicate.error && (
          <p role="alert" className={styles.error}>
            {duplicate.error.message}
          </p>
        )}
        <div className={styles.actions}>
          <button type="submit" className={`${styles.button} ${styles.primary}`}>
            {t("library.duplicate")}
          </button>
          <button type="button" className={styles.button} onClick={onClose}>
            {t("common.cancel")}
          </button>
        </div>
      </form>
    </Modal>
  );
}

export function ConfirmDialog({
  message,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  message: string;
  confirmLabel: string;
  onConfirm: () => void | Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useLocale();
  return (
    <Modal title={t("common.confirm")} onClose={onCancel}>
      <p>{message}</p>
      <div className={styles.actions}>
        <button
          type="button"
          className={`${styles.button} ${styles.primary}`}
          onClick={() => void onConfirm()}
          autoFocus
        >
          {confirmLabel}
        </button>
        <button type="button" className={styles.button} onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </Modal>
  );
}
