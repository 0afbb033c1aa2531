"use client";

import { useCallback, useMemo, useState } from "react";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import type { Edge } from "@xyflow/react";
import { parseFlowDocument } from "../../flows";
import { decorateEdges, pathEdgeIds } from "../../flows/canvas/decorateEdges";
import { useLocale } from "../i18n/LocaleProvider";
import { isMessageKey } from "../i18n/messages";
import { useTRPC } from "../trpc/trpc";
import { ReadOnlyFlowCanvas } from "../analytics/ReadOnlyFlowCanvas";
import { stepView } from "./replayStep";
import styles from "./interactions.module.css";

const NO_DIAGNOSTICS: never[] = [];

/** One interaction replayed on the canvas of its version: the path up to a step, a scrubber over the steps. */
export function InteractionReplay({ id }: { id: string }) {
  const { t, word, label } = useLocale();
  const nodeTypeName = (type: string) => {
    const key = `node.${type}`;
    return isMessageKey(key) ? t(key) : type;
  };
  const trpc = useTRPC();
  const replay = useQuery({
    ...trpc.interactions.replay.queryOptions({ id }),
    // An active interaction updates live.
    refetchInterval: (query) => {
      const status = query.state.data?.interaction.status;
      return status === "active" || status === "waiting" ? 2_000 : false;
    },
  });
  const [chosen, setChosen] = useState<number | undefined>();
  const data = replay.data;
  const parsed = useMemo(() => (data ? parseFlowDocument(data.document) : undefined), [data]);
  const last = (data?.steps.length ?? 1) - 1;
  const index = Math.min(chosen ?? last, last);
  const view = useMemo(() => (data ? stepView(data, index) : undefined), [data, index]);
  const visited = view?.visited;
  const decorate = useCallback(
    (edges: Edge[]) => decorateEdges(edges, NO_DIAGNOSTICS, pathEdgeIds(edges, visited ?? [])),
    [visited],
  );

  if (replay.isPending) return <p style={{ padding: 24 }}>{t("common.loading")}</p>;
  if (replay.isError || !data || !view)
    return <p style={{ padding: 24 }} role="alert">{`${t("common.error")}: ${replay.error?.message ?? ""}`}</p>;
  const { interaction, steps } = data;
  const step = steps[index];
  const live = interaction.status === "active" || interaction.status === "waiting";
  return (
    <div className={styles.replay}>
      <div className={styles.replayHeader}>
        <Link href="/interactions" prefetch={false}>
          ← {t("interactions.title")}
        </Link>
        <h1>{t("replay.title", { flow: interaction.flow, version: interaction.version })}</h1>
        <span data-testid="replay-status">
          {t("replay.status", {
            status: word("status", interaction.status),
            outcome: interaction.outcome ? word("outcome", interaction.outcome) : "—",
          })}
        </span>
        {live && <span className={styles.status}>{t("replay.live")}</span>}
        <label className={styles.scrubber}>
          <span>{t("replay.scrubber")}</span>
          <input
            type="range"
            min={0}
            max={last}
            value={index}
            onChange={(e) => setChosen(Number(e.target.value))}
            aria-label={t("replay.scrubber")}
            aria-valuetext={t("replay.stepOf", { n: index + 1, total: last + 1 })}
          />
          <span data-testid="replay-step">{t("replay.stepOf", { n: index + 1, total: last + 1 })}</span>
        </label>
      </div>
      <div className={styles.canvasCell}>
        {parsed?.ok && (
          <ReadOnlyFlowCanvas
            document={parsed.document}
            nodeClasses={view.nodeClasses}
            decorateEdges={decorate}
            label={t("replay.canvas")}
            testId="replay-canvas"
          />
        )}
      </div>
      <aside className={styles.side}>
        <h2>{t("replay.event")}</h2>
        <ol className={styles.steps} data-testid="replay-steps">
          {steps.map((s, i) => (
            <li key={s.seq}>
              <button type="button" aria-current={i === index ? "step" : undefined} onClick={() => setChosen(i)}>
                {s.seq}. <span data-i18n-data>{s.type}</span> {s.toNode ? <span data-i18n-data>→ {s.toNode}</span> : ""}
              </button>
            </li>
          ))}
        </ol>
        {step?.data !== null && step?.data !== undefined && <pre>{JSON.stringify(step.data, null, 1)}</pre>}
        <h2>{t("replay.context")}</h2>
        {step?.context ? (
          <pre data-testid="replay-context">{JSON.stringify(step.context, null, 1)}</pre>
        ) : (
          <p>{t("replay.noContext")}</p>
        )}
        <h2>{t("replay.messages")}</h2>
        {view.messages.length === 0 && <p>{t("replay.noMessages")}</p>}
        {view.messages.map((m) => (
          <div key={m.id} className={styles.message} data-testid="replay-message">
            <div>
              <strong data-i18n-data={m.node ? "" : undefined}>{m.node ?? word("messageKind", m.kind)}</strong> ·{" "}
              {label(m.channel)} {m.address ? <span data-i18n-data>· {m.address}</span> : ""}{" "}
              <span className={`${styles.status} ${styles[`status_${m.status}`] ?? ""}`} data-testid="message-status">
                {word("status", m.status)}
              </span>
              {m.reason ? ` (${word("reason", m.reason)})` : ""}
            </div>
            {m.subject && <div>{m.subject}</div>}
            <div>{m.text ?? scriptKey(m.script)}</div>
            {m.attempts.length > 0 && <div>{t("replay.attempts", { n: m.attempts.length })}</div>}
          </div>
        ))}
        <h2>{t("replay.path")}</h2>
        <ol data-testid="replay-path">
          {view.path.map((p) => (
            <li key={p.position}>
              <span data-i18n-data>{p.node}</span> <span className={styles.mono}>{nodeTypeName(p.type)}</span>
              {p.outlet ? ` → ${p.outlet}` : ""}
              {p.type === "handoff" && p.data
                ? ` · ${t("replay.handoff", { channel: String(p.data.channel ?? ""), queue: String(p.data.queue ?? "") })}`
                : ""}
            </li>
          ))}
        </ol>
      </aside>
    </div>
  );
}

function scriptKey(script: unknown): string {
  const key: unknown = script !== null && typeof script === "object" ? Reflect.get(script, "key") : undefined;
  return typeof key === "string" ? key : "";
}
