"use client";

import { useCallback, useMemo, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import type { Edge } from "@xyflow/react";
import type { FlowDocument } from "../../flows";
import { edgeOutlet, edgeWidth } from "../../flows/analytics/overlayFigures";
import { useLocale } from "../i18n/LocaleProvider";
import { useTRPC } from "../trpc/trpc";
import { FiguresContext, analyticsNodeTypes, type NodeFigure } from "./analyticsNodeTypes";
import { ReadOnlyFlowCanvas } from "./ReadOnlyFlowCanvas";
import { downloadCsv, toCsv } from "./csv";
import { VoicePanel } from "./VoicePanel";
import styles from "./analytics.module.css";

type Props = { flowKey: string; document: FlowDocument; latestVersion: number | null; onClose: () => void };

const RANGES = [7, 30, 90] as const;

/** The designer's analytics mode: the flow with its figures (CONTRACT §8), or the same as a table. */
export function AnalyticsOverlay({ flowKey, document, latestVersion, onClose }: Props) {
  const { t, label } = useLocale();
  const trpc = useTRPC();
  const [days, setDays] = useState<number>(30);
  const [version, setVersion] = useState<number | undefined>();
  const [channel, setChannel] = useState<string | undefined>();
  const [table, setTable] = useState(false);
  const [voice, setVoice] = useState(false);
  const to = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.parse(to) - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  const figures = useQuery({
    ...trpc.analytics.flow.queryOptions({
      flow: flowKey,
      from,
      to,
      ...(version !== undefined ? { version } : {}),
      ...(channel !== undefined ? { channel } : {}),
    }),
    refetchInterval: 5_000,
    retry: false,
  });
  const data = figures.data;
  const byNode = useMemo(() => new Map((data?.nodes ?? []).map((n) => [n.node, n])), [data]);
  const describe = useCallback(
    (_node: string, f: NodeFigure) =>
      [
        `${t("analytics.entered")} ${f.entered}`,
        f.dropped ? `${t("analytics.dropped")} ${f.dropped}` : "",
        f.dwellMs ? `p50 ${seconds(f.dwellMs.p50)}` : "",
        f.csat ? `CSAT ${f.csat.mean} (n=${f.csat.n})` : "",
        f.nps ? `NPS ${f.nps.score} (n=${f.nps.n})` : "",
      ]
        .filter(Boolean)
        .join(" · "),
    [t],
  );
  const context = useMemo(
    () => ({ figures: byNode, started: data?.interactions.started ?? 0, describe }),
    [byNode, data, describe],
  );
  const decorate = useCallback(
    (edges: Edge[]) => {
      const count = (e: Edge) => byNode.get(e.source)?.exits[edgeOutlet(e)] ?? 0;
      const max = Math.max(0, ...edges.map(count));
      return edges.map((e) => ({
        ...e,
        label: String(count(e)),
        style: { strokeWidth: edgeWidth(count(e), max), stroke: "#c2410c" },
      }));
    },
    [byNode],
  );
  const header = [
    t("analytics.node"),
    t("analytics.entered"),
    t("analytics.exits"),
    t("analytics.dropped"),
    t("analytics.dwell"),
    t("analytics.csat"),
    t("analytics.nps"),
  ];
  const tableRows = (data?.nodes ?? []).map((n) => [
    n.node,
    n.entered,
    Object.entries(n.exits)
      .map(([o, c]) => `${o}: ${c}`)
      .join(", "),
    n.dropped,
    n.dwellMs ? `${seconds(n.dwellMs.p50)} / ${seconds(n.dwellMs.p90)}` : "",
    n.csat ? `${n.csat.mean} (n=${n.csat.n})` : "",
    n.nps ? `${n.nps.score} (n=${n.nps.n})` : "",
  ]);
  return (
    <section className={styles.overlay} aria-label={t("analytics.title")} data-testid="analytics-overlay">
      <div className={styles.bar}>
        <strong>{t("analytics.title")}</strong>
        <label>
          {t("analytics.range")}{" "}
          <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {RANGES.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <select
          aria-label={t("interactions.filter.version")}
          value={version ?? ""}
          onChange={(e) => setVersion(e.target.value ? Number(e.target.value) : undefined)}
        >
          <option value="">{t("analytics.allVersions")}</option>
          {Array.from({ length: latestVersion ?? 0 }, (_, i) => i + 1).map((v) => (
            <option key={v} value={v}>
              v{v}
            </option>
          ))}
        </select>
        <select
          aria-label={t("interactions.filter.channel")}
          value={channel ?? ""}
          onChange={(e) => setChannel(e.target.value || undefined)}
        >
          <option value="">{t("analytics.allChannels")}</option>
          {document.channels.map((c) => (
            <option key={c} value={c}>
              {label(c)}
            </option>
          ))}
        </select>
        {data && (
          <>
            <span data-testid="analytics-totals">
              {t("analytics.started", { started: data.interactions.started, completed: data.interactions.completed })}
            </span>
            <span data-testid="analytics-lag">{t("analytics.lag", { seconds: Math.round(data.lagMs / 1000) })}</span>
          </>
        )}
        <span className={styles.legend}>
          <span className={styles.swatch} aria-hidden />
          {t("analytics.heat")}
        </span>
        <label>
          <input type="checkbox" checked={table} onChange={(e) => setTable(e.target.checked)} /> {t("analytics.table")}
        </label>
        <label>
          <input type="checkbox" checked={voice} onChange={(e) => setVoice(e.target.checked)} /> {t("voice.toggle")}
        </label>
        <button type="button" onClick={() => downloadCsv(`${flowKey}-analytics.csv`, toCsv(header, tableRows))}>
          {t("interactions.export")}
        </button>
        <button type="button" onClick={onClose}>
          {t("analytics.modeOff")}
        </button>
      </div>
      <div className={styles.body}>
        {figures.isError && <p role="alert">{`${t("common.error")}: ${figures.error.message}`}</p>}
        <FiguresContext.Provider value={context}>
          <ReadOnlyFlowCanvas
            document={document}
            nodeTypes={analyticsNodeTypes}
            decorateEdges={decorate}
            label={t("analytics.canvas")}
            testId="analytics-canvas"
          />
        </FiguresContext.Provider>
        {table && (
          <div className={styles.tableWrap}>
            <table className={styles.table} data-testid="analytics-table">
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
                {tableRows.map((row) => (
                  <tr key={String(row[0])}>
                    {row.map((cell, i) => (
                      <td key={i}>{cell}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {voice && <VoicePanel flowKey={flowKey} from={from} to={to} {...(channel ? { channel } : {})} />}
      </div>
    </section>
  );
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : ms < 120_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`;
}
