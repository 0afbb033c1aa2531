"use client";

import { memo, useMemo, useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { compileFlow, FlowSimulation } from "../../flows";
import type { FlowDocument, FlowResolver, JsonValue } from "../../flows";
import { renderScript } from "../../flows/scripts";
import type { ScriptDocument } from "../../flows/scripts";
import { useLocale } from "../i18n/LocaleProvider";
import { isMessageKey } from "../i18n/messages";
import { useTRPC } from "../trpc/trpc";
import { defaultVars } from "../../flows/simulate/simulationInput";
import type { SimulationInput } from "../../flows/simulate/simulationInput";
import { sampleCustomers } from "../scripts/sampleCustomers";
import { sampleCustomer, SimulatorInputForm } from "./SimulatorInputForm";
import styles from "./canvas.module.css";

type Props = {
  document: () => FlowDocument;
  resolveFlow?: FlowResolver;
  /** The path taken so far and the current node, drawn on the canvas. */
  onPath: (visited: string[], current: string | undefined) => void;
};

/** Runs the draft in the browser on a simulated clock: the runtime's own stepping, no server. */
export const SimulatorPanel = memo(function SimulatorPanel({ document, resolveFlow, onPath }: Props) {
  const { t, label } = useLocale();
  // Run-time words (statuses, node types, message kinds) in this language; an unknown one as it is.
  const simText = (key: string, fallback: string) => (isMessageKey(key) ? t(key) : fallback);
  const [channel, setChannel] = useState("");
  const [problem, setProblem] = useState<string | undefined>();
  const firstSample = sampleCustomers[0]?.id ?? "";
  const [sampleId, setSampleId] = useState(firstSample);
  const [input, setInput] = useState<SimulationInput>(() => ({
    vars: defaultVars(document().variables),
    customer: sampleCustomer(firstSample),
  }));
  const trpc = useTRPC();
  const approved = useQuery(trpc.scripts.approved.queryOptions());
  const scripts = useMemo(() => new Map((approved.data ?? []).map((script) => [script.key, script])), [approved.data]);
  const simulation = useRef<FlowSimulation | undefined>(undefined);
  const [, setTick] = useState(0);
  const doc = document();
  const sim = simulation.current;

  const refresh = () => {
    setTick((n) => n + 1);
    const current = simulation.current;
    if (!current) return onPath([], undefined);
    const visited = current.steps.filter((s) => !s.path.includes("/")).map((s) => s.node);
    onPath(visited, current.status === "completed" ? undefined : current.step?.node);
  };

  const start = () => {
    setProblem(undefined);
    const compiled = compileFlow(doc, { resolveFlow });
    if (!compiled.ok) {
      simulation.current = undefined;
      setProblem(t("sim.cannotRun"));
      refresh();
      return;
    }
    const chosen = channel || doc.channels[0] || "chat";
    const customer: { [key: string]: JsonValue } = {
      id: "sim-customer",
      preferredChannel: chosen,
      ...input.customer,
      channel: chosen,
    };
    const locale = typeof customer.locale === "string" ? customer.locale : undefined;
    simulation.current = new FlowSimulation(compiled.machine, doc, {
      input: { vars: input.vars, customer },
      channel: chosen,
      // Each step's script as the customer would get it on the chosen channel (the newest approved version).
      renderScript: (key, messageChannel, context) =>
        renderForSimulator(
          scripts.get(key),
          messageChannel ?? chosen,
          locale,
          { ...context.vars, customer: context.customer },
          scripts,
        ),
    });
    refresh();
  };

  const stop = () => {
    simulation.current = undefined;
    setProblem(undefined);
    refresh();
  };

  const send = (type: string, data?: { [key: string]: JsonValue }) => {
    if (!sim) return;
    const result = sim.send(data ? { type, data } : { type });
    setProblem(result.accepted ? undefined : t("sim.rejected", { message: result.message }));
    refresh();
  };

  const step = sim?.step;
  const finished = sim && sim.status === "completed";
  return (
    <section aria-label={t("sim.title")}>
      <h2>{t("sim.title")}</h2>
      <label className={styles.field}>
        <span>{t("sim.channel")}</span>
        <select value={channel || doc.channels[0] || ""} onChange={(e) => setChannel(e.target.value)}>
          {doc.channels.map((c) => (
            <option key={c} value={c}>
              {label(c)}
            </option>
          ))}
        </select>
      </label>
      <SimulatorInputForm
        variables={doc.variables}
        input={input}
        onInput={(next) => {
          // The sample is no longer what is shown once its customer is edited (not when a variable is).
          if (JSON.stringify(next.customer) !== JSON.stringify(input.customer)) setSampleId("");
          setInput(next);
        }}
        sampleId={sampleId}
        onSample={(id) => {
          setSampleId(id);
          setInput((current) => ({ ...current, customer: sampleCustomer(id) }));
        }}
      />
      <div className={styles.eventButtons}>
        {/* Steps show their scripts as rendered: wait for the approved scripts before running. */}
        <button
          type="button"
          className={`${styles.button} ${styles.primary}`}
          onClick={start}
          disabled={approved.isPending}
          aria-busy={approved.isPending}
        >
          {sim ? t("sim.restart") : t("sim.start")}
        </button>
        {sim && (
          <button type="button" className={styles.button} onClick={stop}>
            {t("sim.stop")}
          </button>
        )}
      </div>
      {problem && (
        <p role="alert" className={styles.fieldError}>
          {problem}
        </p>
      )}
      {sim && (
        <>
          <p>
            {t("sim.status")}:{" "}
            <span className={styles.simStatus} data-testid="sim-status">
              {finished
                ? t("sim.ended", { outcome: sim.outcome ?? "" })
                : `${simText(`sim.state.${sim.status}`, sim.status)} · ${step?.node ?? ""}`}
            </span>
          </p>
          <p className={styles.muted}>
            {t("sim.clock")}: {new Date(sim.clock).toISOString().replace("T", " ").slice(0, 16)}
          </p>
          {!finished && step && (
            <>
              <h3>{t("sim.accepts")}</h3>
              <div className={styles.eventButtons}>
                {step.accepts.flatMap((event) => {
                  if (event === "answer" && step.options?.length)
                    return step.options.map(({ value }) => (
                      <button
                        key={`answer-${value}`}
                        type="button"
                        className={styles.button}
                        onClick={() => send("answer", { value })}
                      >
                        {t("sim.answer", { value })}
                      </button>
                    ));
                  if (event === "survey.answered" && step.scale)
                    return Array.from(
                      { length: step.scale.max - step.scale.min + 1 },
                      (_, i) => step.scale!.min + i,
                    ).map((score) => (
                      <button
                        key={`score-${score}`}
                        type="button"
                        className={styles.button}
                        onClick={() => send("survey.answered", { score })}
                      >
                        {t("sim.score", { score })}
                      </button>
                    ));
                  return [
                    <button key={event} type="button" className={styles.button} onClick={() => send(event)}>
                      {event}
                    </button>,
                  ];
                })}
              </div>
              <div className={styles.eventButtons}>
                <button type="button" className={styles.button} onClick={() => (sim.advance("P1D"), refresh())}>
                  {t("sim.plusDay")}
                </button>
                <button
                  type="button"
                  className={styles.button}
                  disabled={sim.pendingTimers.length === 0}
                  onClick={() => (sim.advanceToNextTimer(), refresh())}
                >
                  {sim.pendingTimers.length === 0 ? t("sim.noTimer") : t("sim.nextTimer")}
                </button>
              </div>
            </>
          )}
          <h3>{t("sim.steps")}</h3>
          <ol className={styles.steps} data-testid="sim-steps">
            {sim.steps.map((s, i) => (
              <li key={i}>
                <code>{s.path}</code> <span className={styles.muted}>{simText(`node.${s.type}`, s.type)}</span>
                {s.outcome && <strong>{` → ${s.outcome}`}</strong>}
                {s.handoff && (
                  <span
                    className={styles.muted}
                  >{` ⇄ ${label(s.handoff.channel)}${s.handoff.queue ? ` / ${s.handoff.queue}` : ""}`}</span>
                )}
                {s.messages?.map((m, j) => (
                  <div key={j} className={styles.message}>
                    {`${simText(`sim.kind.${m.kind}`, m.kind)}: ${m.script}${m.channel ? ` (${label(m.channel)})` : ""}${m.text ? ` — ${m.text}` : ""}`}
                  </div>
                ))}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
});

function renderForSimulator(
  script: ScriptDocument | undefined,
  channel: string,
  locale: string | undefined,
  context: { [key: string]: JsonValue },
  /** The approved scripts by key: the snippets a script puts in. */
  snippets: ReadonlyMap<string, ScriptDocument>,
): string | undefined {
  if (!script) return undefined;
  try {
    const rendered = renderScript(script, {
      snippets,
      channel: channel as Parameters<typeof renderScript>[1]["channel"],
      ...(locale ? { locale } : {}),
      context,
      seed: "simulator",
    });
    return rendered.channel === "email"
      ? `${rendered.subject ?? ""}\n${rendered.text ?? rendered.body}`
      : rendered.body;
  } catch {
    return undefined;
  }
}
