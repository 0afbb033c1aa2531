import type { z } from "zod";
import type { Diagnostic } from "../diagnostics";
import type { FlowDocument, FlowEdge, FlowNode, FlowResolver } from "../schema/flowDocument";
import type { ActionJson, StateJson, TransitionJson } from "../compile/machineJson";

/** The outlet a node with a single way out uses: an edge without `sourceHandle`. */
export const DEFAULT_OUTLET = "out";

export type NodeBehaviour = "passes" | "waits" | "final";

export type OutgoingEdge = {
  edge: FlowEdge;
  /** The outlet the edge leaves from (`DEFAULT_OUTLET` when the edge names none). */
  handle: string;
  /** The state key of the edge's target. */
  target: string;
};

export type NodeCheckContext<Data> = {
  node: FlowNode;
  data: Data;
  document: FlowDocument;
  declaredVariables: ReadonlySet<string>;
  resolveFlow?: FlowResolver;
};

export type NodeCompileContext<Data> = {
  node: FlowNode;
  data: Data;
  document: FlowDocument;
  /** Unique across nested subflows; names timers (`timer.<path>`). */
  path: string;
  outgoing: readonly OutgoingEdge[];
  /** The target state key of the first edge leaving `handle`; undefined when none does. */
  targetFor(handle: string): string | undefined;
  /** True while compiling the states of a called flow. */
  insideSubflow: boolean;
  /** Compiles the flow a subflow node calls into nested states; set only for subflow nodes. */
  compileCalledFlow(flowKey: string, version: number | "latest" | undefined): CalledFlow | undefined;
};

export type CalledFlow = {
  document: FlowDocument;
  initial: string;
  states: { [key: string]: StateJson };
  outcomes: string[];
};

export type OutletContext = { resolveFlow?: FlowResolver };

/**
 * Everything the language knows about one node type. Adding a type means adding one file that
 * exports one of these and listing it in the registry; the canvas registry is typed against it.
 */
export type NodeTypeDefinition<Type extends string, Schema extends z.ZodType> = {
  type: Type;
  /** The palette's name for it. */
  label: string;
  /** One line for the palette and the docs. */
  description: string;
  behaviour: NodeBehaviour;
  dataSchema: Schema;
  /** The outlets (source handles) the node offers; undefined when they cannot be known here. */
  outlets(data: z.infer<Schema>, context: OutletContext): string[] | undefined;
  /** Stage-like nodes whose edges are chosen by `edge.data.event` rather than by outlet. */
  edgesByEvent?: boolean;
  /** The status an interaction has while on this node. */
  status(data: z.infer<Schema>): "active" | "waiting" | "passing" | "completed";
  /** Outlets that must be connected for the node to work (errors when not). */
  requiredOutlets?(data: z.infer<Schema>): string[];
  check?(context: NodeCheckContext<z.infer<Schema>>): Diagnostic[];
  compile(context: NodeCompileContext<z.infer<Schema>>): StateJson;
};

export function defineNodeType<Type extends string, Schema extends z.ZodType>(
  definition: NodeTypeDefinition<Type, Schema>,
): NodeTypeDefinition<Type, Schema> {
  return definition;
}

export function go(target: string | undefined, actions?: ActionJson[]): TransitionJson[] {
  if (target === undefined) return [];
  return [actions && actions.length > 0 ? { target, actions } : { target }];
}

export function timerActions(
  path: string,
  schedule: { after?: string; until?: string },
): { entry: ActionJson[]; exit: ActionJson[] } {
  const params: { [key: string]: string } = { id: path };
  if (schedule.after !== undefined) params.after = schedule.after;
  if (schedule.until !== undefined) params.until = schedule.until;
  return { entry: [{ type: "scheduleTimer", params }], exit: [{ type: "cancelTimer", params: { id: path } }] };
}

export function withoutUndefined<T extends Record<string, unknown>>(
  value: T,
): { [K in keyof T]: Exclude<T[K], undefined> } {
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== undefined) result[key] = item;
  return result as { [K in keyof T]: Exclude<T[K], undefined> };
}
