// Validate + compile time for generated flows of 100, 2,000 and 10,000 nodes, and simulator
// throughput against raw XState `transition` on the same machine, in one run.
// Run: npx tsx bench/compile.ts
import { transition, initialTransition } from "xstate";
import { validateFlow } from "../flows/validate/validateFlow";
import { compileFlow } from "../flows/compile/compileFlow";
import { createFlowMachine } from "../flows/compile/createFlowMachine";
import { FlowSimulation } from "../flows/simulate/flowSimulation";
import { generatedFlowOfSize as generatedFlow } from "../flows/testing/arbitraryFlow";
import type { FlowDocumentInput } from "../flows/schema/flowDocument";

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function time(fn: () => void, runs: number): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

console.log("validate + compile (median)");
console.log("nodes    edges    validate ms  compile ms (incl. validate)  target");
for (const [size, target] of [
  [100, "-"],
  [2_000, "< 100 ms"],
  [10_000, "< 1,000 ms"],
] as const) {
  const flow = generatedFlow(size);
  const compiled = compileFlow(flow);
  if (!compiled.ok) throw new Error(`generated flow of ${size} does not compile: ${compiled.diagnostics[0]?.message}`);
  const runs = size >= 10_000 ? 5 : 11;
  time(() => compileFlow(flow), 2); // warm up
  const validateMs = time(() => validateFlow(flow), runs);
  const compileMs = time(() => compileFlow(flow), runs);
  console.log(
    `${String(flow.nodes.length).padEnd(8)} ${String(flow.edges?.length ?? 0).padEnd(8)} ${validateMs.toFixed(1).padStart(11)}  ${compileMs.toFixed(1).padStart(27)}  ${target}`,
  );
}

// A ring of stages and messages: each `next` leaves a stage, passes a message and a set, and waits at the next stage.
function ringFlow(stages: number): FlowDocumentInput {
  const nodes: FlowDocumentInput["nodes"] = [{ id: "start", type: "start", position: { x: 0, y: 0 }, data: {} }];
  const edges: NonNullable<FlowDocumentInput["edges"]> = [{ id: "e-start", source: "start", target: "s0" }];
  for (let i = 0; i < stages; i++) {
    nodes.push({
      id: `s${i}`,
      type: "stage",
      position: { x: 0, y: i * 300 },
      data: { stage: "probing", script: "greeting" },
    });
    nodes.push({
      id: `m${i}`,
      type: "message",
      position: { x: 0, y: i * 300 + 100 },
      data: { script: "greeting", channel: "chat" },
    });
    nodes.push({
      id: `c${i}`,
      type: "set",
      position: { x: 0, y: i * 300 + 200 },
      data: { assign: { count: "count + 1" } },
    });
    edges.push(
      { id: `e${i}a`, source: `s${i}`, target: `m${i}` },
      { id: `e${i}b`, source: `m${i}`, target: `c${i}` },
      { id: `e${i}c`, source: `c${i}`, target: `s${(i + 1) % stages}` },
    );
    edges.push({ id: `e${i}d`, source: `s${i}`, target: "done", data: { event: "hangup" } });
  }
  nodes.push({ id: "done", type: "end", position: { x: 300, y: 0 }, data: { outcome: "resolved" } });
  return {
    schema: "journey-studio/flow@1",
    key: "ring",
    name: "Ring",
    kind: "sop",
    channels: ["chat"],
    variables: { count: { type: "number", default: 0 } },
    nodes,
    edges,
  };
}

const ring = compileFlow(ringFlow(50));
if (!ring.ok) throw new Error(ring.diagnostics[0]?.message);
const ringMachine = ring.machine;
const steps = 100_000;
const machine = createFlowMachine(ringMachine);

function rawXState(): number {
  let [snapshot] = initialTransition(machine, {});
  const start = performance.now();
  for (let i = 0; i < steps; i++) [snapshot] = transition(machine, snapshot, { type: "next" });
  return steps / ((performance.now() - start) / 1000);
}

function simulator(): number {
  const simulation = new FlowSimulation(ringMachine, { channels: ["chat"] });
  const start = performance.now();
  for (let i = 0; i < steps; i++) {
    if (!simulation.send({ type: "next" }).accepted) throw new Error("refused");
    if (simulation.steps.length > 1000) simulation.steps.length = 0; // keep the step log from growing without bound
  }
  return steps / ((performance.now() - start) / 1000);
}

rawXState();
simulator(); // warm up both
const raw = median([rawXState(), rawXState(), rawXState()]);
const simulated = median([simulator(), simulator(), simulator()]);
console.log(
  `\nsimulate: ${steps.toLocaleString("en")} events, each leaving a stage through a message and a set node (median of 3)`,
);
console.log(`raw XState transition   ${Math.round(raw).toLocaleString("en").padStart(9)} events/s`);
console.log(`simulator (FlowSimulation.send) ${Math.round(simulated).toLocaleString("en").padStart(9)} events/s`);
console.log(`ratio simulator / raw   ${(simulated / raw).toFixed(2)}   (target ≥ 0.50)`);
