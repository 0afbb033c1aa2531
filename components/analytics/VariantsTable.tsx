"use client";

import { useState } from "react";
import Link from "next/link";
import { useMutation, useQuery } from "@tanstack/react-query";
import { parseVariantId } from "../../flows/scripts/onlyVariant";
import { useLocale } from "../i18n/LocaleProvider";
import { ConfirmButton } from "../scripts/ConfirmButton";
import { useCan } from "../studio/Permissions";
import { useTRPC } from "../trpc/trpc";
import { downloadCsv, toCsv } from "./csv";
import styles from "./analytics.module.css";

/**
 * Script variants of the flow: sends, next-step rate, CSAT after them, and the z-test against the others;
 * for a content editor, "make this the only variant" (a new draft version of the script, to review).
 */
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
  const variants = useQuery({
    ...trpc.analytics.variants.queryOptions({ flow: flowKey, from, to, ...(channel ? { channel } : {}) }),
    refetchInterval: 10_000,
  });
  const mayEdit = useCan("scripts.edit");
  const [done, setDone] = useState<{ key: string; version: number; removed: number } | null>(null);
  const only = useMutation(trpc.scripts.makeOnlyVariant.mutationOptions({ onSuccess: setDone }));
  const header = [
    t("analytics.node"),
    t("variants.script"),
    t("variants.sends"),
    t("variants.nextRate"),
    t("analytics.csat"),
    t("variants.test"),
  ];
  const data = variants.data ?? [];
  const rows = data.map((v) => [
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
      {done && (
        <p role="status" data-testid="only-variant-done">
          {t("variants.onlyDone", { script: done.key, version: done.version, removed: done.removed })}{" "}
          <Link href={`/scripts/${encodeURIComponent(done.key)}`}>{t("variants.openScript")}</Link>
        </p>
      )}
      {only.error && <p role="alert">{only.error.message}</p>}
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
              {mayEdit && <th />}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => {
              const v = data[i];
              const id = v ? parseVariantId(v.variant) : undefined;
              return (
                <tr key={i}>
                  {row.map((cell, j) => (
                    <td key={j}>{cell}</td>
                  ))}
                  {mayEdit && (
                    <td className={styles.onlyVariant}>
                      {v && id && data.some((o) => o !== v && o.node === v.node && o.script === v.script) && (
                        <ConfirmButton
                          danger={false}
                          disabled={only.isPending}
                          question={t("variants.onlyConfirm", {
                            variant: v.variant,
                            script: v.script,
                            channel: id.channel,
                            locale: id.locale,
                          })}
                          onConfirm={() => {
                            setDone(null);
                            only.mutate({ key: v.script, variant: v.variant });
                          }}
                        >
                          {t("variants.only")}
                        </ConfirmButton>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
