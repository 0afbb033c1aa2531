"use client";

import { memo, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { FlowDocument } from "../../flows";
import { useLocale } from "../i18n/LocaleProvider";
import { useTRPC } from "../trpc/trpc";
import styles from "./canvas.module.css";

type Props = {
  flowKey: string;
  draft: () => FlowDocument;
  onCompare: (from: { label: string; document: FlowDocument }, to: { label: string; document: FlowDocument }) => void;
  onRestored: (document: FlowDocument, revision: string, version: number) => void;
};

/** The flow's published versions: who and when, compare any two (or one with the draft), restore. */
export const VersionsPanel = memo(function VersionsPanel({ flowKey, draft, onCompare, onRestored }: Props) {
  const { t, locale } = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const versions = useQuery(trpc.flows.versions.queryOptions({ key: flowKey }));
  const restore = useMutation(trpc.flows.restore.mutationOptions());
  const list = versions.data ?? [];
  const [from, setFrom] = useState<string>("");
  const [to, setTo] = useState<string>("draft");
  const fromValue = from || (list[0] ? String(list[0].version) : "");

  const load = async (which: string): Promise<{ label: string; document: FlowDocument }> => {
    if (which === "draft") return { label: t("editor.draftVersion"), document: draft() };
    const version = Number(which);
    const result = await queryClient.fetchQuery(trpc.flows.version.queryOptions({ key: flowKey, version }));
    return {
      label: result.changeNote ? `v${version} — “${result.changeNote}”` : `v${version}`,
      document: result.document,
    };
  };

  const restoreVersion = async (version: number) => {
    if (!window.confirm(t("versions.restoreConfirm", { version }))) return;
    const { revision } = await restore.mutateAsync({ key: flowKey, version });
    const { document } = await queryClient.fetchQuery(trpc.flows.version.queryOptions({ key: flowKey, version }));
    onRestored(document, revision, version);
  };

  const options = (
    <>
      <option value="draft">{t("editor.draftVersion")}</option>
      {list.map((v) => (
        <option key={v.version} value={String(v.version)}>{`v${v.version}`}</option>
      ))}
    </>
  );
  return (
    <section aria-label={t("versions.title")}>
      <h2>{t("versions.title")}</h2>
      {versions.isPending && <p className={styles.muted}>{t("common.loading")}</p>}
      {versions.isSuccess && list.length === 0 && <p className={styles.muted}>{t("versions.none")}</p>}
      <ul style={{ listStyle: "none", padding: 0, margin: 0 }} data-testid="version-list">
        {list.map((v) => (
          <li key={v.version} className={styles.versionRow}>
            <span>
              {t("versions.by", {
                version: v.version,
                who: v.publishedBy ?? "—",
                when: new Date(v.publishedAt).toLocaleString(locale === "zh" ? "zh-CN" : "en-GB"),
              })}
              {v.changeNote && (
                <span className={styles.changeNote} data-testid={`change-note-${v.version}`}>
                  {v.changeNote}
                </span>
              )}
            </span>
            <button
              type="button"
              className={styles.button}
              onClick={() => restoreVersion(v.version)}
              aria-label={`${t("versions.restore")} v${v.version}`}
            >
              {t("versions.restore")}
            </button>
          </li>
        ))}
      </ul>
      {list.length > 0 && (
        <fieldset className={styles.fieldset} style={{ marginTop: 10 }}>
          <legend>{t("versions.compare")}</legend>
          <label className={styles.field}>
            <span>{t("versions.from")}</span>
            <select aria-label={t("versions.from")} value={fromValue} onChange={(e) => setFrom(e.target.value)}>
              {options}
            </select>
          </label>
          <label className={styles.field}>
            <span>{t("versions.to")}</span>
            <select aria-label={t("versions.to")} value={to} onChange={(e) => setTo(e.target.value)}>
              {options}
            </select>
          </label>
          <button
            type="button"
            className={styles.button}
            onClick={async () => onCompare(await load(fromValue), await load(to))}
          >
            {t("versions.show")}
          </button>
        </fieldset>
      )}
    </section>
  );
});
