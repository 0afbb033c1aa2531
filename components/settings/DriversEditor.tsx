"use client";

// Settings → Drivers: the workspace's drivers taxonomy (VOC), edited as a whole and saved at once, with
// the same checks and the same tagging (flows/analytics) the server runs, live as you type.
import { useEffect, useMemo, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { commentLocale, tagComment } from "../../flows/analytics/driverTagging";
import {
  driverLocales,
  parseKeywords,
  taxonomyIssues,
  taxonomyRules,
  type DriverEntry,
  type TaxonomyIssue,
} from "../../flows/analytics/driverTaxonomy";
import { useLocale } from "../i18n/LocaleProvider";
import { ConfirmButton } from "../scripts/ConfirmButton";
import { useTRPC } from "../trpc/trpc";
import { ErrorNote } from "./ErrorNote";
import styles from "./settings.module.css";

/** A driver as its inputs hold it: keywords as typed, so that a comma being typed is not lost. */
type Row = { key: number; driver: string; labels: DriverEntry["labels"]; keywordText: DriverEntry["labels"] };

let nextKey = 0;
const toRow = (e: DriverEntry): Row => ({
  key: nextKey++,
  driver: e.driver,
  labels: { ...e.labels },
  keywordText: { en: e.keywords.en.join(", "), zh: e.keywords.zh.join("，") },
});
const toEntry = (r: Row): DriverEntry => ({
  driver: r.driver,
  labels: r.labels,
  keywords: { en: parseKeywords(r.keywordText.en), zh: parseKeywords(r.keywordText.zh) },
});

export function DriversEditor() {
  const { t } = useLocale();
  const trpc = useTRPC();
  const client = useQueryClient();
  const stored = useQuery(trpc.analytics.drivers.queryOptions());
  const [rows, setRows] = useState<Row[] | null>(null);
  const [revision, setRevision] = useState("");
  const [sample, setSample] = useState("");
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    if (stored.data && rows === null) {
      setRows(stored.data.drivers.map(toRow));
      setRevision(stored.data.revision);
    }
  }, [stored.data, rows]);
  const entries = useMemo(() => (rows ?? []).map(toEntry), [rows]);
  const issues = useMemo(() => taxonomyIssues(entries), [entries]);
  const save = useMutation(
    trpc.analytics.saveDrivers.mutationOptions({
      onSuccess: (saved) => {
        setRows(saved.drivers.map(toRow));
        setRevision(saved.revision);
        setNote(t("drivers.saved"));
        void client.invalidateQueries({ queryKey: trpc.analytics.drivers.queryKey() });
        void client.invalidateQueries({ queryKey: trpc.analytics.voice.queryKey() });
      },
    }),
  );
  if (!rows || !stored.data) return <ErrorNote error={stored.error} />;
  const dirty = JSON.stringify(entries) !== JSON.stringify(stored.data.drivers);
  const change = (key: number, update: (r: Row) => Row) => {
    setNote(null);
    setRows(rows.map((r) => (r.key === key ? update(r) : r)));
  };
  const sampleLocale = commentLocale(sample);
  const label = (driver: string) => {
    const entry = entries.find((e) => e.driver.trim() === driver);
    return entry ? entry.labels[sampleLocale === "zh" ? "zh" : "en"] || driver : driver;
  };
  const tags = sample.trim() ? tagComment(sample, taxonomyRules(entries)) : [];
  const localeName = (l: (typeof driverLocales)[number]) => t(`drivers.locale.${l}`);
  const issueText = (issue: TaxonomyIssue) =>
    t(`drivers.issue.${issue.code}`, {
      n: (issue.index ?? 0) + 1,
      ...(issue.locale ? { locale: localeName(issue.locale) } : {}),
      ...(issue.value !== undefined ? { value: issue.value } : {}),
    });

  return (
    <div data-testid="drivers-editor">
      <h2>{t("settings.drivers")}</h2>
      <p className={styles.muted}>{t("drivers.intro")}</p>
      {!stored.data.custom && <p data-testid="drivers-default">{t("drivers.default")}</p>}
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col">{t("drivers.driver")}</th>
            {driverLocales.map((l) => (
              <th key={l} scope="col">
                {t("drivers.label", { locale: localeName(l) })}
              </th>
            ))}
            {driverLocales.map((l) => (
              <th key={l} scope="col">
                {t("drivers.keywords", { locale: localeName(l) })}
              </th>
            ))}
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => {
            const mine = issues.filter((i) => i.index === index);
            return (
              <tr key={row.key} data-testid="driver-row" aria-invalid={mine.length > 0 || undefined}>
                <td>
                  <input
                    aria-label={`${t("drivers.driver")} ${index + 1}`}
                    value={row.driver}
                    size={12}
                    onChange={(e) => change(row.key, (r) => ({ ...r, driver: e.target.value }))}
                  />
                </td>
                {driverLocales.map((l) => (
                  <td key={l}>
                    <input
                      aria-label={`${t("drivers.label", { locale: localeName(l) })} ${index + 1}`}
                      value={row.labels[l]}
                      size={10}
                      onChange={(e) => change(row.key, (r) => ({ ...r, labels: { ...r.labels, [l]: e.target.value } }))}
                    />
                  </td>
                ))}
                {driverLocales.map((l) => (
                  <td key={l}>
                    <input
                      aria-label={`${t("drivers.keywords", { locale: localeName(l) })} ${index + 1}`}
                      value={row.keywordText[l]}
                      className={styles.keywords}
                      onChange={(e) =>
                        change(row.key, (r) => ({ ...r, keywordText: { ...r.keywordText, [l]: e.target.value } }))
                      }
                    />
                  </td>
                ))}
                <td>
                  <ConfirmButton
                    question={t("drivers.deleteConfirm", { driver: row.driver || String(index + 1) })}
                    onConfirm={() => {
                      setNote(null);
                      setRows(rows.filter((r) => r.key !== row.key));
                    }}
                  >
                    {t("drivers.delete")}
                  </ConfirmButton>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {issues.length > 0 && (
        <ul role="alert" className={`${styles.error} ${styles.issues}`} data-testid="driver-issues">
          {issues.map((issue, i) => (
            <li key={i}>{issueText(issue)}</li>
          ))}
        </ul>
      )}
      <div className={styles.row}>
        <button
          type="button"
          onClick={() =>
            setRows([...rows, toRow({ driver: "", labels: { en: "", zh: "" }, keywords: { en: [], zh: [] } })])
          }
        >
          {t("drivers.add")}
        </button>
        <button
          type="button"
          disabled={issues.length > 0 || !dirty || save.isPending}
          onClick={() => {
            setNote(null);
            save.mutate({ drivers: entries, baseRevision: revision });
          }}
        >
          {t("drivers.save")}
        </button>
        {dirty && <span className={styles.muted}>{t("drivers.unsaved")}</span>}
        {note && <span role="status">{note}</span>}
      </div>
      <ErrorNote error={save.error} />
      <fieldset data-testid="drivers-preview">
        <legend>{t("drivers.preview")}</legend>
        <textarea
          aria-label={t("drivers.preview")}
          rows={2}
          cols={60}
          value={sample}
          placeholder={t("drivers.previewPlaceholder")}
          onChange={(e) => setSample(e.target.value)}
        />
        {sample.trim() && (
          <p role="status" data-testid="drivers-preview-tags">
            {t("drivers.previewLocale", { locale: localeName(sampleLocale === "zh" ? "zh" : "en") })} ·{" "}
            {tags.length > 0
              ? t("drivers.previewTags", { drivers: tags.map(label).join(", ") })
              : t("drivers.previewNone")}
          </p>
        )}
      </fieldset>
    </div>
  );
}
