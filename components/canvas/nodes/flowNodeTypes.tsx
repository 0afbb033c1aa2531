"use client";

import { memo } from "react";
import type { ComponentType } from "react";
import type { Node, NodeProps } from "@xyflow/react";
import type { NodeData, NodeType } from "../../../flows";
import { useLocale } from "../../i18n/LocaleProvider";
import { Chip, FlowNodeShell, text } from "./FlowNodeShell";

/**
 * A canvas node of type T: its data typed as the document holds it. A draft's data need not be valid
 * yet (the validator says what is wrong), so components still read each field defensively.
 */
export type FlowCanvasNode<T extends NodeType> = Node<NodeData<T>, T>;
type Props<T extends NodeType> = NodeProps<FlowCanvasNode<T>>;
/** One component per registry type, each taking its own type's node. */
export type FlowNodeComponents = { [T in NodeType]: ComponentType<Props<T>> };

const StartNode = memo(function StartNode({ id, data, selected }: Props<"start">) {
  const trigger = data.trigger;
  const kind = text(trigger?.type) ?? "api";
  const detail =
    trigger?.type === "event"
      ? text(trigger.event)
      : trigger?.type === "schedule"
        ? text(trigger.cron)
        : trigger?.type === "date"
          ? text(trigger.field)
          : undefined;
  return (
    <FlowNodeShell id={id} type="start" data={data} selected={selected}>
      <Chip tone="muted">{kind}</Chip>
      {detail && <Chip>{detail}</Chip>}
    </FlowNodeShell>
  );
});

const StageNode = memo(function StageNode({ id, data, selected }: Props<"stage">) {
  const { t, label } = useLocale();
  const stage = text(data.stage);
  return (
    <FlowNodeShell
      id={id}
      type="stage"
      data={data}
      selected={selected}
      title={text(data.label)}
      mot={data.mot === true}
    >
      {stage && <Chip tone="stage">{label(stage)}</Chip>}
      {text(data.script) && <Chip tone="script">{`${t("node.script")}: ${text(data.script)}`}</Chip>}
    </FlowNodeShell>
  );
});

const MessageNode = memo(function MessageNode({ id, data, selected }: Props<"message">) {
  const { label } = useLocale();
  const fallback = Array.isArray(data.fallback) ? data.fallback.filter((c) => typeof c === "string") : [];
  return (
    <FlowNodeShell id={id} type="message" data={data} selected={selected}>
      {text(data.channel) && (
        <Chip tone="channel">{[text(data.channel) ?? "", ...fallback].map(label).join(" → ")}</Chip>
      )}
      {text(data.script) && <Chip tone="script">{text(data.script)}</Chip>}
    </FlowNodeShell>
  );
});

const AskNode = memo(function AskNode({ id, data, selected }: Props<"ask">) {
  return (
    <FlowNodeShell id={id} type="ask" data={data} selected={selected}>
      {text(data.variable) && <Chip>{`→ ${text(data.variable)}`}</Chip>}
      {text(data.timeout) && <Chip tone="time">{`◷ ${text(data.timeout)}`}</Chip>}
      {text(data.script) && <Chip tone="script">{text(data.script)}</Chip>}
    </FlowNodeShell>
  );
});

const DecisionNode = memo(function DecisionNode({ id, data, selected }: Props<"decision">) {
  const rules = Array.isArray(data.rules) ? data.rules : [];
  return (
    <FlowNodeShell id={id} type="decision" data={data} selected={selected}>
      {rules.slice(0, 3).map((rule, index) => (
        <Chip key={index} tone="muted">{`${text(rule.handle) ?? "?"}: ${text(rule.when) ?? "…"}`}</Chip>
      ))}
      {rules.length > 3 && <Chip tone="muted">{`+${rules.length - 3}`}</Chip>}
    </FlowNodeShell>
  );
});

const WaitNode = memo(function WaitNode({ id, data, selected }: Props<"wait">) {
  const { t } = useLocale();
  const what =
    text(data.duration) ??
    (text(data.until) ? `until ${text(data.until)}` : text(data.event) ? `event ${text(data.event)}` : undefined);
  return (
    <FlowNodeShell id={id} type="wait" data={data} selected={selected}>
      {what && <Chip tone="time">{t("node.waitsFor", { duration: what })}</Chip>}
      {text(data.timeout) && <Chip tone="time">{`◷ ${text(data.timeout)}`}</Chip>}
    </FlowNodeShell>
  );
});

const VerifyNode = memo(function VerifyNode({ id, data, selected }: Props<"verify">) {
  const { t, label } = useLocale();
  const methods = Array.isArray(data.methods) ? data.methods.filter((m) => typeof m === "string") : [];
  return (
    <FlowNodeShell id={id} type="verify" data={data} selected={selected}>
      {typeof data.level === "number" && <Chip tone="stage">{t("node.level", { level: data.level })}</Chip>}
      {methods.length > 0 && <Chip>{methods.map(label).join(" + ")}</Chip>}
    </FlowNodeShell>
  );
});

const HandoffNode = memo(function HandoffNode({ id, data, selected }: Props<"handoff">) {
  const { label } = useLocale();
  const channel = text(data.channel);
  return (
    <FlowNodeShell id={id} type="handoff" data={data} selected={selected}>
      {channel && <Chip tone="channel">{label(channel)}</Chip>}
      {text(data.queue) && <Chip>{text(data.queue)}</Chip>}
    </FlowNodeShell>
  );
});

const SurveyNode = memo(function SurveyNode({ id, data, selected }: Props<"survey">) {
  const { label } = useLocale();
  const channel = text(data.channel);
  return (
    <FlowNodeShell id={id} type="survey" data={data} selected={selected}>
      {text(data.metric) && <Chip tone="stage">{text(data.metric)?.toUpperCase()}</Chip>}
      {channel && <Chip tone="channel">{label(channel)}</Chip>}
      {text(data.script) && <Chip tone="script">{text(data.script)}</Chip>}
    </FlowNodeShell>
  );
});

const SetNode = memo(function SetNode({ id, data, selected }: Props<"set">) {
  const assign: Array<[string, unknown]> =
    typeof data.assign === "object" && data.assign !== null ? Object.entries(data.assign) : [];
  return (
    <FlowNodeShell id={id} type="set" data={data} selected={selected}>
      {assign.slice(0, 3).map(([name, expression]) => (
        <Chip key={name} tone="muted">{`${name} = ${String(expression)}`}</Chip>
      ))}
    </FlowNodeShell>
  );
});

const SubflowNode = memo(function SubflowNode({ id, data, selected }: Props<"subflow">) {
  return (
    <FlowNodeShell id={id} type="subflow" data={data} selected={selected}>
      {text(data.flow) && (
        <Chip>{`${text(data.flow)}${data.version !== undefined ? ` @${String(data.version)}` : ""}`}</Chip>
      )}
    </FlowNodeShell>
  );
});

const EndNode = memo(function EndNode({ id, data, selected }: Props<"end">) {
  return (
    <FlowNodeShell id={id} type="end" data={data} selected={selected}>
      {text(data.outcome) && <Chip tone="stage">{text(data.outcome)}</Chip>}
    </FlowNodeShell>
  );
});

/**
 * One component per node type of the registry: a type added to the language without its canvas
 * component fails to compile here.
 */
export const flowNodeTypes = {
  start: StartNode,
  stage: StageNode,
  message: MessageNode,
  ask: AskNode,
  decision: DecisionNode,
  wait: WaitNode,
  verify: VerifyNode,
  handoff: HandoffNode,
  survey: SurveyNode,
  set: SetNode,
  subflow: SubflowNode,
  end: EndNode,
} satisfies FlowNodeComponents;
