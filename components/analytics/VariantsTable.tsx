"use client";

import { useQuery } from "@tanstack/react-query";
import { useLocale } from "../i18n/LocaleProvider";
import { useTRPC } from "../trpc/trpc";
import { downloadCsv, toCsv } from "./csv";
import styles from "./analytics.module.css";

/** Script variants of the flow: sends, next-step rate, CSAT after them, and the z-test against the others. */
export function VariantsTable({
  flowKey,
  from,
  to,
  channel,
}: {
  flowKey: string;
  from: string;
  to: string;
  channel?: string;
}) {
  const { t } = useLocale();
  const trpc = useTRPC();
  const variants = useQuery(
    trpc.analytics.variants.queryOptions({ flow: flowKey, from, to, ...(channel ? { channel } : {}) }),
  );
  const header = [
    t("analytics.node"),
    t("variants.script"),
    t("variants.sends"),
    t("variants.nextRate"),
    t("analytics.csat"),
    t("variants.test"),
  ];
  const rows = (variants.data ?? []).map((v) => [
    v.node,
    `${v.script} · ${v.variant}`,
    v.sends,
    `${v.nextRate}% (${v.next})`,
    v.csat ? `${v.csat.mean} (n=${v.csat.n})` : "",
    v.test ? `p = ${v.test.p.toFixed(3)}${v.test.significant ? ` · ${t("variants.significant")}` : ""}` : "",
  ]);
  return (
    <section className={styles.voiceComments} data-testid="variants">
      <h3>
        {t("variants.title")}{" "}
        <button type="button" onClick={() => downloadCsv(`${flowKey}-variants.csv`, toCsv(header, rows))}>
          {t("interactions.export")}
        </button>
      </h3>
      {rows.length === 0 ? (
        <p>{t("variants.none")}</p>
      ) : (
        <table className={styles.table}>
          <thead>
            <tr>
              {header.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) => (
                  <td key={j}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
