import type { FlowDocument, FlowResolver } from "../schema/flowDocument";
import type { Diagnostic } from "../diagnostics";
import type { JsonValue } from "../expressions";
import { compileFlow } from "../compile/compileFlow";
import type { FlowEvent } from "../compile/createFlowMachine";
import { FlowSimulation } from "./flowSimulation";
import type { ScriptRenderer, SimulatedStep } from "./flowSimulation";

export type RunInput = { type: string; data?: { [key: string]: JsonValue } } | { advance: string };

export type RunResult = {
  ok: boolean;
  /** Why the run stopped early: an invalid flow, a refused event or a bad clock move. */
  error?: { line?: number; message: string; accepts?: string[] };
  diagnostics: Diagnostic[];
  steps: SimulatedStep[];
  final: { status: string; outcome?: string; context: { [name: string]: JsonValue } };
};

export type SimulateRunOptions = {
  document: unknown;
  events: readonly unknown[];
  context?: { [name: string]: JsonValue };
  customer?: { [name: string]: JsonValue };
  resolveFlow?: FlowResolver;
  renderScript?: ScriptRenderer;
  startAt?: number;
};

/** Compiles a flow and drives it with a list of events and clock moves, stopping at the first refusal. */
export function simulateRun(options: SimulateRunOptions): RunResult {
  const compiled = compileFlow(options.document, { resolveFlow: options.resolveFlow });
  if (!compiled.ok) {
    return {
      ok: false,
      error: { message: "The flow has errors." },
      diagnostics: compiled.diagnostics,
      steps: [],
      final: { status: "failed", context: {} },
    };
  }
  const simulation = new FlowSimulation(compiled.machine, compiled.document as FlowDocument, {
    input: { vars: options.context, customer: options.customer },
    renderScript: options.renderScript,
    startAt: options.startAt,
  });
  const finish = (error?: RunResult["error"]): RunResult => ({
    ok: error === undefined,
    ...(error ? { error } : {}),
    diagnostics: compiled.diagnostics,
    steps: simulation.steps,
    final: {
      status: simulation.status,
      ...(simulation.outcome !== undefined ? { outcome: simulation.outcome } : {}),
      context: simulation.context.vars,
    },
  });
  for (const [index, input] of options.events.entries()) {
    const line = index + 1;
    if (typeof input !== "object" || input === null || Array.isArray(input))
      return finish({ line, message: "is not a JSON object" });
    if ("advance" in input) {
      const advanced = simulation.advance(String(input.advance));
      if (!advanced.ok) return finish({ line, message: advanced.message });
      continue;
    }
    const event = toEvent(input);
    if (!event)
      return finish({ line, message: 'must be an event {"type": …, "data"?: {…}} or a clock move {"advance": "P3D"}' });
    const result = simulation.send(event);
    if (!result.accepted) return finish({ line, message: result.message, accepts: result.accepts });
  }
  return finish();
}

function toEvent(input: object): FlowEvent | undefined {
  const record = input as { type?: unknown; data?: unknown };
  if (typeof record.type !== "string" || record.type === "") return undefined;
  if (record.data === undefined) return { type: record.type };
  if (typeof record.data !== "object" || record.data === null || Array.isArray(record.data)) return undefined;
  return { type: record.type, data: record.data as { [key: string]: JsonValue } };
}
