"use client";

import { useQuery } from "@tanstack/react-query";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { useLocale } from "../i18n/LocaleProvider";
import { useTRPC } from "../trpc/trpc";
import { downloadCsv, toCsv } from "./csv";
import { VariantsTable } from "./VariantsTable";
import styles from "./analytics.module.css";

type Props = { flowKey: string; from: string; to: string; channel?: string };

/** VOC: the Pareto of drivers, the NPS / CSAT trend with the detractors' driver shifts, the comments. */
export function VoicePanel({ flowKey, from, to, channel }: Props) {
  const { t, locale } = useLocale();
  const trpc = useTRPC();
  const voice = useQuery({
    ...trpc.analytics.voice.queryOptions({ flow: flowKey, from, to, ...(channel ? { channel } : {}) }),
    refetchInterval: 10_000,
  });
  const data = voice.data;
  if (!data) return <p>{voice.isError ? `${t("common.error")}: ${voice.error.message}` : t("common.loading")}</p>;
  const label = (driver: string) => {
    const labels = data.drivers.find((d) => d.driver === driver)?.labels ?? {};
    return labels[locale] ?? labels.en ?? driver;
  };
  const paretoData = data.pareto.map((p) => ({ ...p, label: label(p.driver) }));
  const header = [
    t("voice.column.at"),
    t("analytics.node"),
    t("interactions.column.channel"),
    t("voice.column.score"),
    t("voice.column.drivers"),
    t("voice.column.comment"),
  ];
  const rows = data.comments.map((c) => [
    c.at.slice(0, 16).replace("T", " "),
    c.node,
    c.channel,
    `${c.metric.toUpperCase()} ${c.score}`,
    c.drivers.map(label).join(", "),
    c.comment,
  ]);
  return (
    <div className={styles.voice} data-testid="voice-panel">
      <section data-testid="voice-pareto">
        <h3>
          {t("voice.pareto")}{" "}
          <button
            type="button"
            onClick={() =>
              downloadCsv(
                `${flowKey}-drivers.csv`,
                toCsv(
                  [t("voice.column.drivers"), t("voice.mentions"), `${t("voice.cumulative")} (%)`],
                  paretoData.map((p) => [p.label, p.count, p.cumulative]),
                ),
              )
            }
          >
            {t("interactions.export")}
          </button>
        </h3>
        <ComposedChart width={520} height={240} data={paretoData}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" />
          <YAxis yAxisId="count" allowDecimals={false} />
          <YAxis yAxisId="share" orientation="right" domain={[0, 100]} unit="%" />
          <Tooltip />
          <Legend />
          <Bar yAxisId="count" dataKey="count" name={t("voice.mentions")} fill="#ea580c" isAnimationActive={false} />
          <Line
            yAxisId="share"
            dataKey="cumulative"
            name={t("voice.cumulative")}
            stroke="#1d4ed8"
            isAnimationActive={false}
          />
        </ComposedChart>
      </section>
      <section>
        <h3>
          {t("voice.trend")}{" "}
          <button
            type="button"
            onClick={() =>
              downloadCsv(
                `${flowKey}-trend.csv`,
                toCsv(
                  [t("voice.week"), "NPS", "n", "CSAT", "n", t("voice.detractors"), t("voice.column.drivers")],
                  data.trend.map((w) => [
                    w.week,
                    w.nps.score,
                    w.nps.n,
                    w.csat.mean,
                    w.csat.n,
                    w.detractors,
                    Object.entries(w.mix)
                      .map(([d, share]) => `${label(d)} ${share}%`)
                      .join("; "),
                  ]),
                ),
              )
            }
          >
            {t("interactions.export")}
          </button>
        </h3>
        <LineChart
          width={520}
          height={240}
          data={data.trend.map((w) => ({ week: w.week, nps: w.nps.score, csat: w.csat.mean }))}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="week" />
          <YAxis yAxisId="nps" domain={[-100, 100]} />
          <YAxis yAxisId="csat" orientation="right" domain={[1, 5]} />
          <Tooltip />
          <Legend />
          <Line yAxisId="nps" dataKey="nps" name="NPS" stroke="#ea580c" isAnimationActive={false} />
          <Line yAxisId="csat" dataKey="csat" name="CSAT" stroke="#1d4ed8" isAnimationActive={false} />
        </LineChart>
        <ul data-testid="voice-shifts">
          {data.shifts.map((s) => (
            <li key={s.driver}>
              {t("voice.shift", {
                driver: label(s.driver),
                points: `${s.points > 0 ? "+" : ""}${s.points}`,
                week: s.week,
              })}
            </li>
          ))}
          {data.trend.at(-1) && (
            <li>
              {t("voice.mix", {
                mix:
                  Object.entries(data.trend.at(-1)?.mix ?? {})
                    .map(([d, share]) => `${label(d)} ${share}%`)
                    .join(" · ") || "—",
              })}
            </li>
          )}
        </ul>
      </section>
      <VariantsTable flowKey={flowKey} from={from} to={to} {...(channel ? { channel } : {})} />
      <section className={styles.voiceComments}>
        <h3>
          {t("voice.comments")}{" "}
          <button type="button" onClick={() => downloadCsv(`${flowKey}-comments.csv`, toCsv(header, rows))}>
            {t("interactions.export")}
          </button>
        </h3>
        <table className={styles.table} data-testid="voice-comments">
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
      </section>
    </div>
  );
}
