import type { FlowDocument, FlowResolver } from "../schema/flowDocument";
import type { JsonValue } from "../expressions";
import { compileFlow } from "../compile/compileFlow";
import { FlowSimulation } from "../simulate/flowSimulation";

type Input = { event: string; value?: JsonValue } | { advance: true };

export type Exploration = {
  /** Edges (by id) some run went along. */
  covered: Set<string>;
  /** Edges no run went along. */
  uncovered: string[];
  outcomes: Set<string>;
  runs: number;
};

/**
 * Drives a flow through the simulator along every branch it can find: at each step it tries every event
 * the step accepts (answers with every literal the flow's rules compare with, and one that matches none),
 * and moving the clock to the next timer; variables that only decisions read are tried with each literal
 * at the start. Returns the edges that were taken: a converted flow should leave none untaken.
 */
export function exploreBranches(
  document: FlowDocument,
  options: { resolveFlow?: FlowResolver; maxRuns?: number; maxDepth?: number } = {},
): Exploration {
  const compiled = compileFlow(document, { resolveFlow: options.resolveFlow });
  if (!compiled.ok) throw new Error(compiled.diagnostics.map((d) => d.message).join("\n"));
  const literals = literalsOf(document);
  const answers: JsonValue[] = [...literals, "zzz-no-match"];
  const written = new Set<string>();
  for (const node of document.nodes) {
    if (node.type === "ask" && typeof node.data.variable === "string") written.add(node.data.variable);
    if (node.type === "set" && typeof node.data.assign === "object" && node.data.assign !== null)
      for (const name of Object.keys(node.data.assign)) written.add(name);
  }
  // Variables nobody writes that a rule reads: each is tried with each literal at the start.
  const ruleText = rulesOf(document).join("\n");
  const readOnly = Object.keys(document.variables).filter(
    (name) => !written.has(name) && new RegExp(`(?<![\\w.])${name}(?![\\w])`).test(ruleText),
  );
  const contexts: Array<{ [name: string]: JsonValue }> = [{}];
  for (const name of readOnly) {
    if (document.variables[name]?.type !== "object") {
      for (const literal of answers) contexts.push({ [name]: literal });
      continue;
    }
    // An object nobody sets (a webhook's answer): each path the rules read into it, with each literal.
    for (const path of pathsInto(document, name))
      for (const literal of answers) contexts.push({ [name]: nest(path, literal) });
  }

  const edgesByPair = new Map<string, string[]>();
  for (const edge of document.edges) {
    const pair = `${edge.source}\u0000${edge.target}`;
    edgesByPair.set(pair, [...(edgesByPair.get(pair) ?? []), edge.id]);
  }
  const covered = new Set<string>();
  const outcomes = new Set<string>();
  const seen = new Set<string>();
  const maxRuns = options.maxRuns ?? 5_000;
  const maxDepth = options.maxDepth ?? 30;
  let runs = 0;
  const queue: Array<{ context: { [name: string]: JsonValue }; inputs: Input[] }> = contexts.map((context) => ({
    context,
    inputs: [],
  }));
  while (queue.length > 0 && runs < maxRuns) {
    const item = queue.shift();
    if (!item) break;
    runs += 1;
    const simulation = new FlowSimulation(compiled.machine, compiled.document, { input: { vars: item.context } });
    let refused = false;
    for (const input of item.inputs) {
      if ("advance" in input) simulation.advanceToNextTimer();
      else {
        const sent = simulation.send(
          input.value === undefined ? { type: input.event } : { type: input.event, data: { value: input.value } },
        );
        if (!sent.accepted) refused = true;
      }
      if (refused) break;
    }
    if (refused) continue;
    const top = simulation.steps.filter((step) => !step.path.includes("/"));
    for (let i = 1; i < top.length; i++) {
      const from = top[i - 1];
      const to = top[i];
      if (!from || !to) continue;
      for (const id of edgesByPair.get(`${from.node}\u0000${to.node}`) ?? []) covered.add(id);
    }
    if (simulation.status === "completed" || simulation.status === "failed") {
      if (simulation.outcome !== undefined) outcomes.add(simulation.outcome);
      continue;
    }
    const key = JSON.stringify([simulation.step?.path, simulation.context.vars]);
    if (seen.has(key) || item.inputs.length >= maxDepth) continue;
    seen.add(key);
    for (const event of simulation.step?.accepts ?? []) {
      if (event === "answer")
        for (const value of answers) queue.push({ ...item, inputs: [...item.inputs, { event, value }] });
      else queue.push({ ...item, inputs: [...item.inputs, { event }] });
    }
    if (simulation.pendingTimers.length > 0) queue.push({ ...item, inputs: [...item.inputs, { advance: true }] });
  }
  return {
    covered,
    uncovered: document.edges.filter((edge) => !covered.has(edge.id)).map((edge) => edge.id),
    outcomes,
    runs,
  };
}

function rulesOf(document: FlowDocument): string[] {
  return document.nodes.flatMap((node) =>
    node.type === "decision" && Array.isArray(node.data.rules)
      ? (node.data.rules as Array<{ when?: unknown }>).flatMap((rule) =>
          typeof rule.when === "string" ? [rule.when] : [],
        )
      : [],
  );
}

function pathsInto(document: FlowDocument, root: string): string[][] {
  const found = new Map<string, string[]>();
  for (const when of rulesOf(document))
    for (const match of when.matchAll(new RegExp(`(?<![\\w.])${root}((?:\\.[A-Za-z_]\\w*)+)`, "g")))
      found.set(match[1] ?? "", (match[1] ?? "").split(".").filter(Boolean));
  return [...found.values()];
}

function nest(path: string[], value: JsonValue): JsonValue {
  return path.reduceRight<JsonValue>((inner, key) => ({ [key]: inner }), value);
}

/** The string and number literals of the flow's decision rules. */
function literalsOf(document: FlowDocument): JsonValue[] {
  const found = new Map<string, JsonValue>();
  for (const node of document.nodes) {
    if (node.type !== "decision" || !Array.isArray(node.data.rules)) continue;
    for (const rule of node.data.rules as Array<{ when?: unknown }>) {
      if (typeof rule.when !== "string") continue;
      for (const match of rule.when.matchAll(/"((?:[^"\\]|\\.)*)"|(?<![\w.])(-?\d+(?:\.\d+)?)(?![\w.])/g)) {
        const value: JsonValue = match[1] !== undefined ? (JSON.parse(`"${match[1]}"`) as string) : Number(match[2]);
        // Each literal, and its neighbours on either side, for both sides of a comparison.
        for (const near of neighbours(value)) found.set(JSON.stringify(near), near);
      }
      // A rule of several conditions on one answer ("starts with x and holds y"): its texts together.
      const texts = [...rule.when.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1] ?? ""}"`) as string);
      if (texts.length > 1) found.set(JSON.stringify(texts.join("")), texts.join(""));
    }
  }
  return [...found.values()];
}

function neighbours(value: string | number): JsonValue[] {
  if (typeof value === "number") return [value - 1, value, value + 1];
  if (value === "") return [value];
  const last = value.charCodeAt(value.length - 1);
  const head = value.slice(0, -1);
  return [value, head + String.fromCharCode(last - 1), head + String.fromCharCode(last + 1)];
}
