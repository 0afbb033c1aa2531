import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createMachine, transition, initialTransition } from "xstate";
import { getShortestPaths } from "xstate/graph";
import { compileFlow } from "./compileFlow";
import { createFlowMachine } from "./createFlowMachine";
import type { FlowEvent, FlowMachine } from "./createFlowMachine";
import { currentStep } from "../execute/transitionFlow";
import type { FlowSnapshot } from "../execute/transitionFlow";
import { validateFlow } from "../validate/validateFlow";
import { arbitraryValidFlow } from "../testing/arbitraryFlow";
import { baseFlow } from "../testing/flowBuilder";

/** Every event a state can take, with data that exercises each outlet. */
function eventsFor(snapshot: FlowSnapshot): FlowEvent[] {
  const step = currentStep(snapshot);
  if (!step || snapshot.status !== "active") return [];
  const events: FlowEvent[] = [];
  for (const type of step.accepts) {
    if (type === "answer")
      for (const value of step.options ?? ["h0", "h1", "h2", "zzz"]) events.push({ type, data: { value } });
    else if (type === "survey.answered") events.push({ type, data: { score: 4 } });
    else events.push({ type });
  }
  if (step.timer) events.push({ type: `timer.${step.timer}` });
  return events;
}

/** Node paths entered along the paths xstate/graph finds and every transition out of their states. */
function nodesReachedByGraph(machine: FlowMachine): Set<string> {
  const reached = new Set<string>();
  const record = (actions: ReadonlyArray<{ type: string; params?: unknown }>) => {
    for (const action of actions) {
      const params = action.params as { path?: string } | undefined;
      if (action.type === "enterNode" && params?.path) reached.add(params.path);
    }
  };
  // Only `choice` steers decisions in random flows; counting variables would make the graph infinite.
  const paths = getShortestPaths(machine, {
    events: eventsFor,
    serializeState: (s) => JSON.stringify([s.value, s.context.vars.choice]),
    limit: 5000,
  });
  for (const path of paths) {
    const [first, actions] = initialTransition(machine, {});
    record(actions);
    let snapshot = first;
    for (const step of path.steps) {
      if (step.event.type.startsWith("xstate.")) continue;
      const [next, stepActions] = transition(machine, snapshot, step.event);
      record(stepActions);
      snapshot = next;
    }
    // Shortest paths keep one way into each state; passing nodes live on the transitions between
    // states, so take every transition out of every state the graph reaches.
    for (const event of eventsFor(snapshot)) record(transition(machine, snapshot, event)[1]);
  }
  return reached;
}

describe("compileFlow", () => {
  it("compiles the base flow to a machine config XState accepts", () => {
    const compiled = compileFlow(baseFlow());
    expect(compiled.ok).toBe(true);
    if (!compiled.ok) return;
    expect(() => createMachine(compiled.machine as never)).not.toThrow();
    // Every transition along an edge records the node left and by which outlet (a stage's: the event).
    const leave = (path: string, outlet: string) => [{ type: "leaveNode", params: { path, outlet } }];
    expect(compiled.machine.states.greet?.on?.["customer.identified"]).toEqual([
      { target: "big", actions: leave("greet", "customer.identified") },
    ]);
    expect(compiled.machine.states.big?.always).toEqual([
      {
        guard: { type: "expression", params: { expr: "amount > 50000" } },
        target: "token",
        actions: leave("big", "high"),
      },
      { target: "otp", actions: leave("big", "else") },
    ]);
    expect(compiled.machine.states.greet?.meta).toMatchObject({
      node: "greet",
      stage: "opening",
      mot: true,
      accepts: ["customer.identified"],
      script: "greeting",
    });
  });

  it("turns timeouts into named timer events, never XState `after`", () => {
    const flow = baseFlow();
    flow.nodes.push({
      id: "hold",
      type: "wait",
      position: { x: 0, y: 0 },
      data: { event: "customer.back", timeout: "PT10M" },
    });
    flow.edges = flow.edges.filter((e) => e.id !== "e4");
    flow.edges.push(
      { id: "e4", source: "big", target: "hold", sourceHandle: "else" },
      { id: "e9", source: "hold", target: "otp" },
      { id: "e10", source: "hold", target: "failed", sourceHandle: "timeout" },
    );
    const compiled = compileFlow(flow);
    expect(compiled.ok).toBe(true);
    if (!compiled.ok) return;
    const hold = compiled.machine.states.hold;
    expect(Object.values(compiled.machine.states).filter((state) => "after" in state)).toEqual([]);
    expect(hold?.entry).toContainEqual({ type: "scheduleTimer", params: { id: "hold", after: "PT10M" } });
    expect(hold?.exit).toEqual([{ type: "cancelTimer", params: { id: "hold" } }]);
    expect(hold?.on?.["timer.hold"]).toEqual([
      { target: "failed", actions: [{ type: "leaveNode", params: { path: "hold", outlet: "timeout" } }] },
    ]);
    expect(hold?.meta?.accepts).toEqual(["customer.back"]);
  });

  it("refuses a flow with errors, returning the diagnostics", () => {
    const flow = baseFlow();
    flow.edges = flow.edges.filter((e) => e.id !== "e4");
    const compiled = compileFlow(flow);
    expect(compiled.ok).toBe(false);
    expect(compiled.diagnostics.map((d) => d.code)).toContain("DECISION_WITHOUT_ELSE");
  });

  it("escapes node ids XState would read as paths", () => {
    const flow = baseFlow();
    flow.nodes[1] = { ...flow.nodes[1]!, id: "greet.v2#a/b" };
    flow.edges = flow.edges.map((e) => ({
      ...e,
      source: e.source === "greet" ? "greet.v2#a/b" : e.source,
      target: e.target === "greet" ? "greet.v2#a/b" : e.target,
    }));
    const compiled = compileFlow(flow);
    expect(compiled.ok).toBe(true);
    if (!compiled.ok) return;
    const machine = createFlowMachine(compiled.machine);
    const [snapshot] = initialTransition(machine, {});
    expect(currentStep(snapshot)?.node).toBe("greet.v2#a/b");
  });

  describe("properties of random valid flows", () => {
    it("validate clean, always compile, and round-trip through JSON", () => {
      fc.assert(
        fc.property(arbitraryValidFlow, (flow) => {
          expect(validateFlow(flow).diagnostics.filter((d) => d.severity === "error")).toEqual([]);
          const compiled = compileFlow(flow);
          expect(compiled.ok).toBe(true);
          if (!compiled.ok) return;
          const roundTripped = JSON.parse(JSON.stringify(compiled.machine));
          expect(roundTripped).toEqual(compiled.machine);
          expect(() => createFlowMachine(roundTripped)).not.toThrow();
        }),
        { numRuns: 300 },
      );
    });

    it("every node the validator calls reachable is reached by some xstate/graph path", () => {
      fc.assert(
        fc.property(arbitraryValidFlow, (flow) => {
          const compiled = compileFlow(flow);
          expect(compiled.ok).toBe(true);
          if (!compiled.ok) return;
          const reached = nodesReachedByGraph(createFlowMachine(compiled.machine));
          const reachable = flow.nodes.map((n) => n.id).sort();
          expect([...reached].sort()).toEqual(reachable);
        }),
        { numRuns: 150 },
      );
    });
  });
});

describe("subflows", () => {
  it("inlines the called flow as nested states and lists it among the inlined flows", async () => {
    const { readFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const load = (name: string) =>
      JSON.parse(readFileSync(join(import.meta.dirname, "..", "examples", `${name}.json`), "utf8"));
    const warranty = load("warranty-check");
    const compiled = compileFlow(load("fault-diagnosis"), {
      resolveFlow: (key) => (key === "warranty-check" ? warranty : undefined),
    });
    expect(compiled.ok).toBe(true);
    if (!compiled.ok) return;
    expect(compiled.inlinedFlows).toEqual(["warranty-check"]);
    const call = Object.values(compiled.machine.states).find((state) => state.meta?.type === "subflow");
    expect(call?.type).toBe("compound");
    expect(Object.keys(call?.states ?? {}).length).toBe(warranty.nodes.length);
  });
});
