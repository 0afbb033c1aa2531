// The Interaction of CONTRACT.md section 2, built from a row and its snapshot.
import "server-only";
import { currentStep, interactionStatus, type FlowSnapshot, type StepMeta } from "../../flows";

export type StepView = {
  node: string;
  type: string;
  stage?: string;
  mot?: boolean;
  label?: string;
  accepts: string[];
  options?: string[];
  scale?: { min: number; max: number };
  /** The step's script, rendered from its approved version for this channel and customer (`text` absent when it cannot be). */
  script?: { key: string; channel: string; text?: string };
};

export type InteractionView = {
  id: string;
  flow: string;
  version: number;
  status: "active" | "waiting" | "completed" | "failed";
  outcome?: string;
  channel: string;
  customer: { id: string } | null;
  step: StepView | null;
  context: { [name: string]: unknown };
  mode: "live" | "test";
  /** Test mode: where the interaction's own clock stands. */
  clock?: string;
  createdAt: string;
  updatedAt: string;
};

export type ViewSource = {
  id: string;
  flowKey: string;
  version: number;
  status: InteractionView["status"];
  outcome: string | null;
  channel: string;
  customerExternalId: string | null;
  context: { [name: string]: unknown };
  testClock: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

/** Renders a step's script for the interaction's channel (./runtimeScripts.ts). */
export type StepScriptText = (key: string, channel: string) => string | undefined;

export function interactionView(
  source: ViewSource,
  snapshot: FlowSnapshot,
  scriptText?: StepScriptText,
): InteractionView {
  // Ended from outside the flow (cancelled): the snapshot still stands on a step nobody waits on.
  const endedOutside =
    (source.status === "completed" || source.status === "failed") && interactionStatus(snapshot) !== source.status;
  const meta = endedOutside ? undefined : currentStep(snapshot);
  return {
    id: source.id,
    flow: source.flowKey,
    version: source.version,
    status: source.status,
    ...(source.outcome === null ? {} : { outcome: source.outcome }),
    channel: source.channel,
    customer: source.customerExternalId === null ? null : { id: source.customerExternalId },
    step: meta ? stepView(meta, source.channel, scriptText) : null,
    context: source.context,
    mode: source.testClock ? "test" : "live",
    ...(source.testClock ? { clock: source.testClock.toISOString() } : {}),
    createdAt: source.createdAt.toISOString(),
    updatedAt: source.updatedAt.toISOString(),
  };
}

function stepView(meta: StepMeta, channel: string, scriptText: StepScriptText | undefined): StepView {
  const text = meta.script === undefined ? undefined : scriptText?.(meta.script, channel);
  return {
    node: meta.node,
    type: meta.type,
    ...(meta.stage === undefined ? {} : { stage: meta.stage }),
    ...(meta.mot === undefined ? {} : { mot: meta.mot }),
    ...(meta.label === undefined ? {} : { label: meta.label }),
    accepts: meta.accepts,
    ...(meta.options === undefined ? {} : { options: meta.options }),
    ...(meta.scale === undefined ? {} : { scale: meta.scale }),
    ...(meta.script === undefined
      ? {}
      : { script: { key: meta.script, channel, ...(text === undefined ? {} : { text }) } }),
  };
}
