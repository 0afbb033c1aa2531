import type { FlowDocument } from "../schema/flowDocument";
import { addIsoDuration, parseIsoDuration } from "../schema/isoDuration";
import type { JsonValue } from "../expressions";
import { createFlowMachine } from "../compile/createFlowMachine";
import type { FlowEvent, FlowInput, FlowMachine } from "../compile/createFlowMachine";
import type { MachineJson } from "../compile/machineJson";
import { timerEvent } from "../compile/machineJson";
import { currentStep, interactionStatus, startFlow, transitionFlow } from "../execute/transitionFlow";
import type { FlowSnapshot, InteractionStatus, StepResult } from "../execute/transitionFlow";
import type { FlowEffect } from "../compile/flowEffect";
import { planEffects } from "../execute/planEffects";

export type SimulatedMessage = {
  node: string;
  script: string;
  channel: string | null;
  kind: "message" | "survey" | "question" | "script";
  text?: string;
};

export type SimulatedStep = {
  node: string;
  path: string;
  type: string;
  status: string;
  at: string;
  outcome?: string;
  messages?: SimulatedMessage[];
  handoff?: { channel: string; queue?: string };
};

export type ScriptRenderer = (
  script: string,
  channel: string | null,
  context: { vars: { [k: string]: JsonValue }; customer: { [k: string]: JsonValue } },
) => string | undefined;

export type SimulationOptions = {
  input?: FlowInput;
  /** The simulated clock's start, ms since the epoch. */
  startAt?: number;
  renderScript?: ScriptRenderer;
  /** The interaction's channel: where a stage's script and an ask's question are said. */
  channel?: string;
};

type PendingTimer = { id: string; dueAt: number; seq: number };

/**
 * Runs a compiled flow in memory on a simulated clock, with XState's pure transitions: the same
 * stepping the runtime uses, with timers kept in a list instead of database rows.
 */
export class FlowSimulation {
  readonly machine: FlowMachine;
  readonly steps: SimulatedStep[] = [];
  clock: number;
  private snapshot: FlowSnapshot;
  private timers = new Map<string, PendingTimer>();
  private timerSeq = 0;

  constructor(
    private readonly config: MachineJson,
    private readonly document: Pick<FlowDocument, "channels">,
    private readonly options: SimulationOptions = {},
  ) {
    this.machine = createFlowMachine(config);
    this.clock = options.startAt ?? Date.UTC(2026, 0, 5, 9, 0, 0);
    const started = startFlow(this.machine, options.input ?? {});
    this.snapshot = started.snapshot;
    this.apply(started.effects);
  }

  get status(): InteractionStatus {
    return interactionStatus(this.snapshot);
  }

  get outcome(): string | undefined {
    return this.snapshot.context.outcome;
  }

  get context() {
    return this.snapshot.context;
  }

  get step() {
    return currentStep(this.snapshot);
  }

  get pendingTimers(): ReadonlyArray<{ id: string; dueAt: number }> {
    return [...this.timers.values()].sort(byDue);
  }

  /** Sends an event from outside (a customer, an agent desktop). */
  send(event: FlowEvent): StepResult {
    const result = transitionFlow(this.machine, this.snapshot, event);
    if (result.accepted) {
      this.snapshot = result.snapshot;
      this.apply(result.effects);
    }
    return result;
  }

  /** Moves the clock forward, firing every timer that falls due, in due order. */
  advance(duration: string): { ok: true; fired: string[] } | { ok: false; message: string } {
    const parsed = parseIsoDuration(duration);
    if (!parsed) return { ok: false, message: `"${duration}" is not an ISO 8601 duration (for example P3D or PT2H)` };
    return { ok: true, fired: this.advanceTo(addIsoDuration(this.clock, parsed)) };
  }

  advanceTo(target: number): string[] {
    const fired: string[] = [];
    for (;;) {
      const next = this.pendingTimers[0];
      if (!next || next.dueAt > target) break;
      this.timers.delete(next.id);
      this.clock = Math.max(this.clock, next.dueAt);
      const result = transitionFlow(this.machine, this.snapshot, { type: timerEvent(next.id) }, { fromClock: true });
      if (result.accepted) {
        this.snapshot = result.snapshot;
        this.apply(result.effects);
        fired.push(next.id);
      }
    }
    this.clock = Math.max(this.clock, target);
    return fired;
  }

  /** Jumps to the next timer and fires it ("to next timer" in the canvas simulator). */
  advanceToNextTimer(): string[] {
    const next = this.pendingTimers[0];
    return next ? this.advanceTo(next.dueAt) : [];
  }

  /** Carries out a step's effects as planned by the runtime's own planner, on the simulated clock. */
  private apply(effects: FlowEffect[]): void {
    const plan = planEffects({
      effects,
      clock: this.clock,
      context: this.snapshot.context,
      flowChannels: this.document.channels,
    });
    for (const key of plan.cancel) this.timers.delete(key);
    for (const { key, dueAt } of plan.timers) this.timers.set(key, { id: key, dueAt, seq: this.timerSeq++ });
    // Records name the node that asked by its index in `plan.entered`; -1 is the step the interaction was on.
    const base = this.steps.length;
    const stepOf = (entry: number) => this.steps[base + entry];
    for (const entered of plan.entered) {
      const step: SimulatedStep = {
        node: entered.node,
        path: entered.path,
        type: entered.type,
        status: entered.status,
        at: new Date(this.clock).toISOString(),
      };
      this.steps.push(step);
      // A stage's script is said on the interaction's channel when the step is entered.
      if (entered.script !== undefined)
        this.addMessage(step, { node: entered.node, script: entered.script, kind: "script", channel: this.channel });
    }
    for (const message of plan.messages)
      this.addMessage(stepOf(message.entry), {
        node: message.node,
        script: message.script,
        kind: message.kind,
        channel: message.channel,
      });
    for (const question of plan.questions)
      if (question.script !== undefined)
        this.addMessage(stepOf(question.entry), {
          node: question.node,
          script: question.script,
          kind: "question",
          channel: this.channel,
        });
    for (const handoff of plan.handoffs) {
      const step = stepOf(handoff.entry);
      if (step)
        step.handoff = { channel: handoff.channel, ...(handoff.queue !== undefined ? { queue: handoff.queue } : {}) };
    }
    // An end reached during this step: the outcome is known only once the whole step applied.
    const last = this.steps[this.steps.length - 1];
    if (last && last.type === "end" && last.status === "completed") last.outcome = this.snapshot.context.outcome;
  }

  private get channel(): string | null {
    return this.options.channel ?? null;
  }

  private addMessage(step: SimulatedStep | undefined, message: SimulatedMessage): void {
    const text = this.options.renderScript?.(message.script, message.channel, this.snapshot.context);
    const withText = text === undefined ? message : { ...message, text };
    if (step) step.messages = [...(step.messages ?? []), withText];
  }
}

function byDue(a: PendingTimer, b: PendingTimer): number {
  return a.dueAt - b.dueAt || a.seq - b.seq;
}
