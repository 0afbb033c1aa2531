"use client";

import { useMemo, useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { convertFlow } from "../../flows/convert";
import { useLocale } from "../i18n/LocaleProvider";
import { useTRPC } from "../trpc/trpc";
import { Modal } from "./FlowDialogs";
import styles from "./library.module.css";

/**
 * The import of a Twilio Studio or Amazon Connect export: shows the conversion report (what each widget or
 * action became, or why it could not) before anything is saved, then saves the flow and its scripts as drafts.
 */
export function ConvertImportDialog({
  fileName,
  source,
  onClose,
  onSaved,
}: {
  fileName: string;
  source: unknown;
  onClose: () => void;
  onSaved: (key: string, scripts: number) => void | Promise<void>;
}) {
  const { t, locale } = useLocale();
  const trpc = useTRPC();
  const save = useMutation(trpc.flows.importConverted.mutationOptions());
  const name = fileName.replace(/\.json$/i, "");
  // The same pure conversion the server repeats on save, so what is shown is what is saved.
  const result = useMemo(() => convertFlow(source, { name }), [source, name]);
  const [key, setKey] = useState(result.ok ? result.flow.key : "");
  if (!result.ok)
    return (
      <Modal title={t("library.import")} onClose={onClose}>
        <p role="alert" className={styles.error}>
          {t("convert.failed", { message: `${fileName} ${result.message}` })}
        </p>
        <div className={styles.actions}>
          <button type="button" className={styles.button} onClick={onClose} autoFocus>
            {t("common.cancel")}
          </button>
        </div>
      </Modal>
    );
  const { stats, report } = result;
  const ordered = [...report.filter((r) => !r.converted), ...report.filter((r) => r.converted)];
  return (
    <Modal title={t(`convert.title.${result.format}`)} onClose={onClose}>
      <form
        className={styles.form}
        data-testid="convert-dialog"
        onSubmit={async (event) => {
          event.preventDefault();
          const saved = await save.mutateAsync({ source, from: result.format, name, key }).catch(() => undefined);
          if (saved) await onSaved(saved.key, saved.scripts.length);
        }}
      >
        <p className={styles.hint}>{t("convert.source", { file: fileName, count: stats.states })}</p>
        <p data-testid="convert-summary">
          <strong>{result.flow.name}</strong>{" "}
          {t("convert.summary", { nodes: stats.nodes, edges: stats.edges, scripts: stats.scripts })}{" "}
          {stats.notConverted === 0
            ? t("convert.allConverted")
            : t("convert.counts", { converted: stats.converted, notConverted: stats.notConverted })}
        </p>
        <label>
          {t("library.key")}
          <input
            required
            value={key}
            pattern="[A-Za-z0-9][A-Za-z0-9._\-]{0,99}"
            onChange={(e) => setKey(e.target.value)}
          />
        </label>
        <h3 className={styles.reportTitle}>{t("convert.reportTitle")}</h3>
        {locale !== "en" && <p className={styles.hint}>{t("convert.detailNote")}</p>}
        <div className={styles.report}>
          <table className={styles.table} data-testid="convert-report">
            <thead>
              <tr>
                <th scope="col">{t("convert.col.state")}</th>
                <th scope="col">{t("convert.col.result")}</th>
                <th scope="col">{t("convert.col.detail")}</th>
              </tr>
            </thead>
            <tbody>
              {ordered.map((item) => (
                <tr key={item.state} data-converted={item.converted}>
                  <td>
                    <span className={styles.name}>{item.label ?? item.state}</span>
                    <span className={styles.stateType}>
                      {item.label !== undefined ? `${item.type} · ${item.state.slice(0, 8)}` : item.type}
                    </span>
                  </td>
                  <td>
                    <span className={`${styles.badge} ${item.converted ? styles.badgeSop : styles.badgeChanged}`}>
                      {item.converted ? t("convert.converted") : t("convert.notConverted")}
                    </span>
                    {item.node !== undefined && item.node !== item.state && (
                      <span className={styles.stateType}>{t("convert.becomes", { node: item.node })}</span>
                    )}
                  </td>
                  <td className={styles.detail}>
                    {item.reasons?.map((code) => (
                      <span key={code} className={styles.reason} data-reason={code}>
                        {t(`convert.reason.${code}`)}
                      </span>
                    ))}
                    <span lang="en">{item.why ?? item.note ?? ""}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className={styles.hint}>{t("convert.saveHint")}</p>
        {save.error && (
          <p role="alert" className={styles.error}>
            {save.error.message}
          </p>
        )}
        <div className={styles.actions}>
          <button
            type="submit"
            className={`${styles.button} ${styles.primary}`}
            disabled={save.isPending}
            data-testid="convert-save"
          >
            {t("convert.save")}
          </button>
          <button type="button" className={styles.button} onClick={onClose}>
            {t("common.cancel")}
          </button>
        </div>
      </form>
    </Modal>
  );
}
