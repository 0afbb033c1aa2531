"use client";

import { useState } from "react";
import type { ScriptDocument } from "../../flows/scripts/scriptDocument";
import { useLocale } from "../i18n/LocaleProvider";
import { ApproveButton } from "./ApproveButton";
import { ConfirmButton } from "./ConfirmButton";
import { RequestChangesButton } from "./RequestChangesButton";
import { diffScripts } from "./diffScripts";
import type { ScriptVersionData } from "./scriptTypes";
import { StatusBadge } from "./StatusBadge";
import styles from "./scripts.module.css";

type Props = {
  scriptKey: string;
  versions: readonly ScriptVersionData[];
  can: { edit: boolean; review: boolean; return: boolean };
  dirty: boolean;
  busy: boolean;
  onSubmit: (version: number) => void;
  onApprove: (version: number, impact: { flows: number; running: number }) => void;
  onReturn: (version: number) => void;
  onRequestChanges: (version: number, comment: string) => void;
  onDiscard: (version: number) => void;
  onExport: (version: ScriptVersionData) => void;
};

/** Versions with who and when, review actions, and a diff between any two versions. */
export function VersionPanel({
  scriptKey,
  versions,
  can,
  dirty,
  busy,
  onSubmit,
  onApprove,
  onReturn,
  onRequestChanges,
  onDiscard,
  onExport,
}: Props) {
  const { t, locale } = useLocale();
  const [compare, setCompare] = useState<[number, number] | null>(null);
  const when = (iso: string | null) =>
    iso
      ? new Date(iso).toLocaleString(locale === "zh" ? "zh-CN" : "en-GB", { dateStyle: "medium", timeStyle: "short" })
      : "";
  const latest = versions[0]?.version;
  return (
    <section className={styles.versions} aria-label={t("scripts.versions.title")}>
      <h2>{t("scripts.versions.title")}</h2>
      <ol className={styles.versionList}>
        {versions.map((v) => (
          <li key={v.version} data-testid={`version-${v.version}`}>
            <div className={styles.row}>
              <strong>v{v.version}</strong> <StatusBadge status={v.status} />
              {v.version === versions.find((x) => x.status === "approved")?.version && (
                <span className={styles.live}>{t("scripts.versions.live")}</span>
              )}
            </div>
            <div className={styles.muted}>
              {t("scripts.versions.created", { who: v.createdBy ?? "—", when: when(v.createdAt) })}
              {v.submittedBy && (
                <div>{t("scripts.versions.submitted", { who: v.submittedBy, when: when(v.submittedAt) })}</div>
              )}
              {v.returnComment && (
                <div className={styles.returned} data-testid={`returned-${v.version}`}>
                  {t("scripts.review.returned", { who: v.returnedBy ?? "—", when: when(v.returnedAt) })}
                  {"\n"}“{v.returnComment}”
                </div>
              )}
              {v.approvedBy && (
                <div data-testid={`approved-by-${v.version}`}>
                  {t("scripts.versions.approved", { who: v.approvedBy, when: when(v.approvedAt) })}
                </div>
              )}
            </div>
            <div className={styles.row}>
              {v.status === "draft" && can.edit && (
                <button
                  type="button"
                  className={styles.primary}
                  disabled={busy || dirty || v.version !== latest}
                  title={dirty ? t("scripts.versions.saveFirst") : undefined}
                  onClick={() => onSubmit(v.version)}
                >
                  {t("scripts.versions.submit")}
                </button>
              )}
              {v.status === "in_review" && can.review && (
                <ApproveButton
                  scriptKey={scriptKey}
                  version={v.version}
                  disabled={busy}
                  onApprove={(impact) => onApprove(v.version, impact)}
                />
              )}
              {v.status === "in_review" && can.review && v.version === latest && (
                <RequestChangesButton disabled={busy} onSend={(comment) => onRequestChanges(v.version, comment)} />
              )}
              {v.status === "in_review" && can.return && v.version === latest && (
                <button type="button" disabled={busy} onClick={() => onReturn(v.version)}>
                  {t("scripts.versions.return")}
                </button>
              )}
              {v.status === "draft" && can.edit && (
                <ConfirmButton
                  disabled={busy}
                  question={t("scripts.versions.discardQuestion", { version: v.version })}
                  onConfirm={() => onDiscard(v.version)}
                >
                  {t("scripts.versions.discard")}
                </ConfirmButton>
              )}
              <button type="button" onClick={() => onExport(v)} disabled={!v.document}>
                {t("scripts.versions.export")}
              </button>
              {versions.length > 1 && v.version !== versions[versions.length - 1]?.version && (
                <button
                  type="button"
                  onClick={() =>
                    setCompare([versions.find((x) => x.version < v.version)?.version ?? v.version, v.version])
                  }
                >
                  {t("scripts.versions.diff")}
                </button>
              )}
            </div>
          </li>
        ))}
      </ol>
      {compare && (
        <VersionDiff versions={versions} pair={compare} onPair={setCompare} onClose={() => setCompare(null)} />
      )}
    </section>
  );
}

function VersionDiff({
  versions,
  pair,
  onPair,
  onClose,
}: {
  versions: readonly ScriptVersionData[];
  pair: [number, number];
  onPair: (p: [number, number]) => void;
  onClose: () => void;
}) {
  const { t } = useLocale();
  const docOf = (n: number): ScriptDocument | null => versions.find((v) => v.version === n)?.document ?? null;
  const before = docOf(pair[0]);
  const after = docOf(pair[1]);
  const pick = (i: 0 | 1) => (
    <select
      aria-label={i === 0 ? t("scripts.versions.from") : t("scripts.versions.to")}
      value={pair[i]}
      onChange={(e) => onPair(i === 0 ? [Number(e.target.value), pair[1]] : [pair[0], Number(e.target.value)])}
    >
      {versions.map((v) => (
        <option key={v.version} value={v.version}>
          v{v.version}
        </option>
      ))}
    </select>
  );
  return (
    <div className={styles.diff} data-testid="version-diff">
      <div className={styles.row}>
        <strong>{t("scripts.versions.diff")}</strong> {pick(0)} → {pick(1)}
        <button type="button" onClick={onClose}>
          {t("common.close")}
        </button>
      </div>
      {before && after ? (
        diffScripts(before, after).map((section) => (
          <div key={section.label}>
            <h3>
              {section.label} <span className={styles.muted}>{t(`scripts.diff.${section.status}`)}</span>
            </h3>
            {section.status !== "same" && (
              <pre className={styles.diffText}>
                {section.lines.map((l, i) => (
                  <div key={i} className={styles[l.kind]}>
                    {l.kind === "added" ? "+ " : l.kind === "removed" ? "- " : "  "}
                    {l.text}
                  </div>
                ))}
              </pre>
            )}
          </div>
        ))
      ) : (
        <p>{t("common.error")}</p>
      )}
    </div>
  );
}
