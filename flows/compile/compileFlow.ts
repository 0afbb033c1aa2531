import type { Diagnostic } from "../diagnostics";
import { errorAt, hasErrors } from "../diagnostics";
import type { FlowDocument, FlowResolver } from "../schema/flowDocument";
import type { JsonValue } from "../expressions";
import { analyseFlow } from "../validate/analyseFlow";
import type { AnalysedNode } from "../validate/analyseFlow";
import { outgoingEdgesByNode } from "../validate/outgoingEdges";
import { leaveTo, type CalledFlow, type StepDetails } from "../nodes/nodeType";
import type { MachineJson, StateJson, StepMeta } from "./machineJson";
import { stateKey, TIMER_EVENT_PREFIX } from "./machineJson";
import { flowEffect } from "./flowEffect";

export type CompileOptions = { resolveFlow?: FlowResolver };

export type CompileResult =
  | {
      ok: true;
      machine: MachineJson;
      document: FlowDocument;
      diagnostics: Diagnostic[];
      /** Keys of the flows inlined as subflows (at any depth): republishing one of them calls for republishing this. */
      inlinedFlows: string[];
    }
  | { ok: false; diagnostics: Diagnostic[] };

/**
 * Flow document → JSON XState machine config. Validates first and refuses (with the diagnostics)
 * while any error remains; never throws on a designer's mistake. Subflows are inlined as nested
 * states, so one machine runs the whole journey and a snapshot holds the whole position.
 */
export function compileFlow(input: unknown, options: CompileOptions = {}): CompileResult {
  const analysis = analyseFlow(input, options);
  if (!analysis.document || hasErrors(analysis.diagnostics)) return { ok: false, diagnostics: analysis.diagnostics };
  const document = analysis.document;
  const diagnostics = [...analysis.diagnostics];
  const inlinedFlows = new Set<string>();
  const scope = compileScope(document, analysis.nodes, {
    prefix: "",
    insideSubflow: false,
    callStack: [document.key],
    options,
    diagnostics,
    inlinedFlows,
  });
  if (hasErrors(diagnostics) || scope.initial === undefined) return { ok: false, diagnostics };
  const vars: { [name: string]: JsonValue } = {};
  for (const [name, declaration] of Object.entries(document.variables)) vars[name] = toJson(declaration.default);
  return {
    ok: true,
    document,
    diagnostics,
    inlinedFlows: [...inlinedFlows].sort(),
    machine: {
      id: document.key,
      initial: scope.initial,
      context: { vars, customer: {}, frames: [] },
      states: scope.states,
    },
  };
}

type ScopeOptions = {
  prefix: string;
  insideSubflow: boolean;
  callStack: string[];
  options: CompileOptions;
  diagnostics: Diagnostic[];
  inlinedFlows: Set<string>;
};

function compileScope(
  document: FlowDocument,
  nodes: Map<string, AnalysedNode>,
  scope: ScopeOptions,
): { initial?: string; states: { [key: string]: StateJson } } {
  const outgoing = outgoingEdgesByNode(document);
  const states: { [key: string]: StateJson } = {};
  let initial: string | undefined;
  for (const analysed of nodes.values()) {
    const { node, definition } = analysed;
    const path = `${scope.prefix}${node.id}`;
    const edges = outgoing.get(node.id) ?? [];
    const state = analysed.compile({
      document,
      path,
      outgoing: edges,
      insideSubflow: scope.insideSubflow,
      exit: (outlet, options) => {
        const target = edges.find((edge) => edge.outlet === outlet)?.target;
        return target === undefined ? [] : [leaveTo(target, path, outlet, { ...options, self: stateKey(node.id) })];
      },
      compileCalledFlow: (key, version) => compileCalledFlow(node.id, path, key, version, scope),
    });
    const status = scope.insideSubflow && definition.behaviour === "final" ? "passing" : analysed.status();
    const details = analysed.step();
    const meta = stepMeta(node.id, path, definition.type, status, details, state);
    states[stateKey(node.id)] = {
      ...state,
      entry: [
        // A stage's script is shown when the step is entered (message, ask and survey send theirs as effects).
        flowEffect.enterNode({
          node: node.id,
          path,
          type: definition.type,
          status,
          ...(definition.type === "stage" && details.script !== undefined ? { script: details.script } : {}),
        }),
        ...(state.entry ?? []),
      ],
      meta,
    };
    if (definition.type === "start") initial = stateKey(node.id);
  }
  return { initial, states };
}

function compileCalledFlow(
  callerId: string,
  callerPath: string,
  key: string,
  version: number | "latest" | undefined,
  scope: ScopeOptions,
): CalledFlow | undefined {
  const called = scope.options.resolveFlow?.(key, version);
  if (!called) {
    scope.diagnostics.push(
      errorAt("SUBFLOW_NOT_FOUND", `Subflow "${callerId}" calls flow "${key}", which cannot be found.`, {
        nodeId: callerId,
        params: { node: callerId, flow: key },
      }),
    );
    return undefined;
  }
  if (scope.callStack.includes(key)) {
    scope.diagnostics.push(
      errorAt(
        "SUBFLOW_CYCLE",
        `Subflow "${callerId}" calls "${key}", which is already running above it (${[...scope.callStack, key].join(" → ")}).`,
        { nodeId: callerId, params: { node: callerId, flow: key, chain: [...scope.callStack, key].join(" → ") } },
      ),
    );
    return undefined;
  }
  const analysis = analyseFlow(called, scope.options);
  if (!analysis.document || hasErrors(analysis.diagnostics)) {
    const first = analysis.diagnostics.find((d) => d.severity === "error");
    scope.diagnostics.push(
      errorAt(
        "SUBFLOW_INVALID",
        `Subflow "${callerId}" calls flow "${key}", which has errors${first ? `: ${first.message}` : ""}.`,
        { nodeId: callerId, params: { node: callerId, flow: key } },
      ),
    );
    return undefined;
  }
  scope.inlinedFlows.add(key);
  const inner = compileScope(analysis.document, analysis.nodes, {
    ...scope,
    prefix: `${callerPath}/`,
    insideSubflow: true,
    callStack: [...scope.callStack, key],
  });
  if (inner.initial === undefined) return undefined;
  const outcomes = [
    ...new Set(analysis.document.nodes.filter((n) => n.type === "end").map((n) => String(n.data.outcome))),
  ];
  return { document: analysis.document, initial: inner.initial, states: inner.states, outcomes };
}

/** The API's `step`: what every state has, then what the node's type adds (StepDetails), in a fixed order. */
function stepMeta(
  node: string,
  path: string,
  type: string,
  status: StepMeta["status"],
  details: StepDetails,
  state: StateJson,
): StepMeta {
  const accepts = Object.keys(state.on ?? {}).filter(
    (event) => !event.startsWith(TIMER_EVENT_PREFIX) && (state.on?.[event]?.length ?? 0) > 0,
  );
  const meta: StepMeta = { node, path, type, status, accepts };
  if (details.stage !== undefined) meta.stage = details.stage;
  if (details.mot === true) meta.mot = true;
  if (details.script !== undefined) meta.script = details.script;
  if (details.styles !== undefined) meta.styles = details.styles;
  if (details.label !== undefined) meta.label = details.label;
  if (details.outcome !== undefined) meta.outcome = details.outcome;
  if (details.options !== undefined) meta.options = details.options;
  if (details.scale !== undefined) meta.scale = details.scale;
  if (details.metric !== undefined) meta.metric = details.metric;
  if (details.level !== undefined) meta.level = details.level;
  if (details.methods !== undefined) meta.methods = details.methods;
  if (details.maxAttempts !== undefined) meta.maxAttempts = details.maxAttempts;
  if (details.codeScript !== undefined) meta.codeScript = details.codeScript;
  if (Object.keys(state.on ?? {}).some((event) => event.startsWith(TIMER_EVENT_PREFIX))) meta.timer = path;
  return meta;
}

function toJson(value: unknown): JsonValue {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as JsonValue);
}
