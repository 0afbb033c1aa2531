// startFlow and transitionFlow share one never-started XState actor per machine (transitionFlow.ts
// inertScope) instead of XState's new one per call: what a call returns must not depend on what was
// stepped before it, on that machine or on another compiled from the same flow (same key, same id).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { initialTransition, transition } from "xstate";
import { compileFlow } from "../compile/compileFlow";
import { createFlowMachine, type FlowEvent, type FlowMachine } from "../compile/createFlowMachine";
import { currentStep, startFlow, transitionFlow, type FlowSnapshot } from "./transitionFlow";

const counter: unknown = JSON.parse(
  readFileSync(new URL("../../test/runtime/flows/counter.json", import.meta.url), "utf8"),
);

function machineOf(document: unknown): FlowMachine {
  const compiled = compileFlow(document);
  if (!compiled.ok) throw new Error(compiled.diagnostics.map((d) => d.message).join("\n"));
  return createFlowMachine(compiled.machine);
}

type Seen = { value: unknown; vars: unknown; node: string | undefined; effects: unknown[] };
/** A step as the runtime reads it (an effect's own `info` names the actor: left out). */
const seen = (snapshot: FlowSnapshot, effects: readonly { type: string; params?: unknown }[]): Seen => ({
  value: snapshot.value,
  vars: snapshot.context.vars,
  node: currentStep(snapshot)?.node,
  effects: effects.map(({ type, params }) => ({ type, params })),
});

/** One interaction's run: its start, then each event's step. */
class Run {
  snapshot: FlowSnapshot;
  readonly steps: Seen[] = [];
  constructor(
    readonly machine: FlowMachine,
    count: number,
  ) {
    const started = startFlow(machine, { vars: { count } });
    this.snapshot = started.snapshot;
    this.steps.push(seen(started.snapshot, started.effects));
  }
  step(type: string): void {
    const result = transitionFlow(this.machine, this.snapshot, { type } as FlowEvent);
    if (!result.accepted) throw new Error(result.message);
    this.snapshot = result.snapshot;
    this.steps.push(seen(result.snapshot, result.effects));
  }
}

const EVENTS = ["tick", "tick", "tick", "finish"];

describe("one inert actor per machine", () => {
  it("steps as XState's own transition does (a new inert actor per call)", () => {
    const machine = machineOf(counter);
    const mine = startFlow(machine, { vars: { count: 2 } });
    const [theirs] = initialTransition(machine, { vars: { count: 2 } });
    expect(mine.snapshot.value).toEqual(theirs.value);
    expect(mine.snapshot.context).toEqual(theirs.context);
    let snapshot = mine.snapshot;
    for (const type of EVENTS) {
      const result = transitionFlow(machine, snapshot, { type } as FlowEvent);
      if (!result.accepted) throw new Error(result.message);
      const [next] = transition(machine, snapshot, { type } as FlowEvent);
      expect(result.snapshot.value).toEqual(next.value);
      expect(result.snapshot.context).toEqual(next.context);
      snapshot = result.snapshot;
    }
    expect(snapshot.context.vars).toEqual({ count: 5 });
  });

  it("gives interleaved interactions, on one machine and on another of the same flow, what each gets alone", () => {
    // Alone: each on a machine of its own, one after the other.
    const alone = [0, 10, 20].map((count) => {
      const run = new Run(machineOf(counter), count);
      for (const type of EVENTS) run.step(type);
      return run.steps;
    });
    // Interleaved: the first two share a machine, the third is on another compiled from the same flow.
    const shared = machineOf(counter);
    const runs = [new Run(shared, 0), new Run(shared, 10), new Run(machineOf(counter), 20)];
    for (const type of EVENTS) for (const run of [...runs].reverse()) run.step(type);
    expect(runs.map((run) => run.steps)).toEqual(alone);
    expect(runs.map((run) => run.snapshot.context.vars)).toEqual([{ count: 3 }, { count: 13 }, { count: 23 }]);
    expect(runs.every((run) => run.steps.some((step) => step.effects.length > 0))).toBe(true);
  });
});
