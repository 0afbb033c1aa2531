// One step of the engine's pure part, in process: restore the counter flow's persisted snapshot and
// apply `tick` through flows' transitionFlow, against XState's own `transition` (which makes a new
// inert actor, and so computes the machine's initial snapshot, per call); a start through startFlow
// against `initialTransition`. Interleaved rounds (the order alternating), medians; µs per call.
// Run: npx tsx bench/step.ts [--rounds 7] [--n 20000]
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { initialTransition, transition } from "xstate";
import {
  compileFlow,
  createFlowMachine,
  persistSnapshot,
  restoreSnapshot,
  startFlow,
  transitionFlow,
  type FlowMachine,
} from "../flows";

const args = process.argv.slice(2);
const ROUNDS = Number(args[args.indexOf("--rounds") + 1] ?? 7) || 7;
const N = Number(args[args.indexOf("--n") + 1] ?? 20_000) || 20_000;
const compiled = compileFlow(
  JSON.parse(readFileSync(new URL("../test/runtime/flows/counter.json", import.meta.url), "utf8")),
);
if (!compiled.ok) throw new Error("the counter flow does not compile");
const machine = createFlowMachine(compiled.machine) as FlowMachine;
const input = { vars: {}, customer: {} };
const persisted = persistSnapshot(machine, startFlow(machine, input).snapshot);

const timed = (run: () => void) => {
  const t = performance.now();
  for (let i = 0; i < N; i++) run();
  return ((performance.now() - t) * 1000) / N;
};
const figures = { ours: [] as number[], xstate: [] as number[], start: [] as number[], xstateStart: [] as number[] };
const runs: Array<[number[], () => void]> = [
  [
    figures.ours,
    () => {
      if (!transitionFlow(machine, restoreSnapshot(machine, persisted), { type: "tick" }).accepted) throw new Error();
    },
  ],
  [figures.xstate, () => void transition(machine, restoreSnapshot(machine, persisted), { type: "tick" })],
  [figures.start, () => void startFlow(machine, input)],
  [figures.xstateStart, () => void initialTransition(machine, input)],
];
for (let round = 0; round < ROUNDS; round++) {
  // Which goes first alternates: on a loaded machine the order moves the figures.
  for (const [into, run] of round % 2 === 0 ? runs : [...runs].reverse()) into.push(timed(run));
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
console.log(
  `restore + step: transitionFlow ${median(figures.ours).toFixed(1)} µs, XState transition ${median(figures.xstate).toFixed(1)} µs (ratio ${(median(figures.ours) / median(figures.xstate)).toFixed(2)})`,
);
console.log(
  `start: startFlow ${median(figures.start).toFixed(1)} µs, XState initialTransition ${median(figures.xstateStart).toFixed(1)} µs (ratio ${(median(figures.start) / median(figures.xstateStart)).toFixed(2)})`,
);
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")} (2 cores)`,
);
