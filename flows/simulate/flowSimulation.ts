import type { FlowDocument } from "../schema/flowDocument";
import { addIsoDuration, parseIsoDuration } from "../schema/isoDuration";
import type { JsonValue } from "../expressions";
import { createFlowMachine } from "../compile/createFlowMachine";
import type { FlowEvent, FlowInput, FlowMachine } from "../compile/createFlowMachine";
import type { MachineJson } from "../compile/machineJson";
import { timerEvent } from "../compile/machineJson";
import { currentStep, interactionStatus, startFlow, stepFlow } from "../execute/stepFlow";
import type { FlowEffect, FlowSnapshot, InteractionStatus, StepResult } from "../execute/stepFlow";
import { resolveChannel } from "../execute/resolveChannel";

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
    const result = stepFlow(this.machine, this.snapshot, event);
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
      const result = stepFlow(this.machine, this.snapshot, { type: timerEvent(next.id) }, { fromClock: true });
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

  private apply(effects: FlowEffect[]): void {
    for (const effect of effects) {
      const p = effect.params;
      switch (effect.type) {
        case "enterNode": {
          const step: SimulatedStep = {
            node: String(p.node),
            path: String(p.path),
            type: String(p.type),
            status: String(p.status),
            at: new Date(this.clock).toISOString(),
          };
          if (p.type === "end" && p.status === "completed") step.outcome = this.snapshot.context.outcome;
          this.steps.push(step);
          if (typeof p.script === "string")
            this.addMessage({
              node: String(p.node),
              script: p.script,
              kind: "script",
              channel: this.options.channel ?? null,
            });
          break;
        }
        case "queueMessage":
          this.addMessage({
            node: String(p.node),
            script: String(p.script),
            kind: "message",
            channel: this.channelFor(String(p.channel), asStrings(p.fallback)),
          });
          break;
        case "sendSurvey":
          this.addMessage({
            node: String(p.node),
            script: String(p.script),
            kind: "survey",
            channel: this.channelFor(typeof p.channel === "string" ? p.channel : "preferred", []),
          });
          break;
        case "askQuestion":
          if (typeof p.script === "string")
            this.addMessage({
              node: String(p.node),
              script: p.script,
              kind: "question",
              channel: this.options.channel ?? null,
            });
          break;
        case "recordHandoff": {
          const step = this.steps[this.steps.length - 1];
          if (step)
            step.handoff = { channel: String(p.channel), ...(typeof p.queue === "string" ? { queue: p.queue } : {}) };
          break;
        }
        case "scheduleTimer":
          this.schedule(String(p.id), p);
          break;
        case "cancelTimer":
          this.timers.delete(String(p.id));
          break;
        default:
          break;
      }
    }
    // An end reached during this step: the outcome is known only once the whole step applied.
    const last = this.steps[this.steps.length - 1];
    if (last && last.type === "end" && last.status === "completed") last.outcome = this.snapshot.context.outcome;
  }

  private schedule(id: string, params: { [key: string]: JsonValue }): void {
    let dueAt: number | undefined;
    if (typeof params.after === "string") {
      const duration = parseIsoDuration(params.after);
      if (duration) dueAt = addIsoDuration(this.clock, duration);
    } else if (typeof params.until === "string") {
      const value = this.snapshot.context.vars[params.until];
      const parsed = typeof value === "string" ? Date.parse(value) : NaN;
      dueAt = Number.isNaN(parsed) ? this.clock : Math.max(parsed, this.clock);
    }
    if (dueAt !== undefined) this.timers.set(id, { id, dueAt, seq: this.timerSeq++ });
  }

  private channelFor(requested: string, fallback: string[]): string | null {
    return resolveChannel(requested, fallback, this.snapshot.context.customer, this.document.channels) ?? null;
  }

  private addMessage(message: SimulatedMessage): void {
    const text = this.options.renderScript?.(message.script, message.channel, this.snapshot.context);
    const withText = text === undefined ? message : { ...message, text };
    const step = this.steps[this.steps.length - 1];
    if (step) step.messages = [...(step.messages ?? []), withText];
  }
}

function byDue(a: PendingTimer, b: PendingTimer): number {
  return a.dueAt - b.dueAt || a.seq - b.seq;
}

function asStrings(value: JsonValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}
