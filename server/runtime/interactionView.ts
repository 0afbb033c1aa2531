// The Interaction of CONTRACT.md section 2, built from a row and its snapshot.
import "server-only";
import { currentStep, interactionStatus, VERIFY_SUBMITTED_EVENT, type FlowSnapshot, type StepMeta } from "../../flows";
import type { StepScriptText as RenderedStepScript } from "./runtimeScripts";

/** A step's script as CONTRACT §4 gives it: `text` plain, `ssml` for voice, `subject` for email. */
export type StepScriptView = {
  key: string;
  channel: string;
  /** Absent (with version, variant, locale) when no approved version renders for the channel. */
  version?: number;
  variant?: string;
  locale?: string;
  text?: string;
  ssml?: string;
  subject?: string;
};

export type StepView = {
  node: string;
  type: string;
  stage?: string;
  mot?: boolean;
  label?: string;
  accepts: string[];
  script?: StepScriptView;
  /** ask: the script text, the options with their labels, when the question times out. */
  question?: string;
  options?: Array<{ value: string; label: string }>;
  timeoutAt?: string;
  /** verify */
  level?: number;
  methods?: string[];
  attemptsLeft?: number;
  /** survey */
  metric?: string;
  scale?: { min: number; max: number };
  /** wait on a timer */
  wakesAt?: string;
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
export type StepScriptText = (
  key: string,
  channel: string,
  styles?: readonly string[],
) => RenderedStepScript | undefined;

/** What the view needs beyond the row and snapshot: the script renderer and the step's live state. */
export type StepExtras = {
  scriptText?: StepScriptText;
  /** When the step's own timer falls due (ask/survey timeout, wait). */
  dueAt?: Date;
  /** A one-time code verify step: wrong codes still allowed. */
  attemptsLeft?: number;
};

export function interactionView(source: ViewSource, snapshot: FlowSnapshot, extras: StepExtras = {}): InteractionView {
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
    step: meta ? stepView(meta, source.channel, extras) : null,
    context: source.context,
    mode: source.testClock ? "test" : "live",
    ...(source.testClock ? { clock: source.testClock.toISOString() } : {}),
    createdAt: source.createdAt.toISOString(),
    updatedAt: source.updatedAt.toISOString(),
  };
}

function stepView(meta: StepMeta, channel: string, extras: StepExtras): StepView {
  const rendered = meta.script === undefined ? undefined : extras.scriptText?.(meta.script, channel, meta.styles);
  const script: StepScriptView | undefined =
    meta.script === undefined
      ? undefined
      : {
          key: meta.script,
          channel,
          ...(rendered
            ? {
                version: rendered.version,
                variant: rendered.variant,
                locale: rendered.locale,
                text: rendered.text,
                ...(channel === "voice" ? { ssml: rendered.body } : {}),
                ...(rendered.subject === undefined || channel !== "email" ? {} : { subject: rendered.subject }),
              }
            : {}),
        };
  const dueAt = extras.dueAt?.toISOString();
  // A one-time code verify step takes the code itself (the runtime decides it).
  const accepts = meta.codeScript === undefined ? meta.accepts : [...meta.accepts, VERIFY_SUBMITTED_EVENT];
  return {
    node: meta.node,
    type: meta.type,
    ...(meta.stage === undefined ? {} : { stage: meta.stage }),
    ...(meta.mot === undefined ? {} : { mot: meta.mot }),
    ...(meta.label === undefined ? {} : { label: meta.label }),
    accepts,
    ...(script === undefined ? {} : { script }),
    ...(meta.type === "ask" || meta.type === "survey"
      ? rendered?.text === undefined
        ? {}
        : { question: rendered.text }
      : {}),
    ...(meta.options === undefined ? {} : { options: meta.options.map(optionView) }),
    ...(meta.type === "ask" && dueAt !== undefined ? { timeoutAt: dueAt } : {}),
    ...(meta.level === undefined ? {} : { level: meta.level }),
    ...(meta.methods === undefined ? {} : { methods: meta.methods }),
    ...(extras.attemptsLeft === undefined ? {} : { attemptsLeft: extras.attemptsLeft }),
    ...(meta.metric === undefined ? {} : { metric: meta.metric }),
    ...(meta.scale === undefined ? {} : { scale: meta.scale }),
    ...(meta.type === "wait" && dueAt !== undefined ? { wakesAt: dueAt } : {}),
  };
}

/** Versions compiled before labels were kept list the values alone. */
function optionView(option: { value: string; label: string } | string): { value: string; label: string } {
  return typeof option === "string" ? { value: option, label: option } : option;
}
