import type { z } from "zod";
import type { Diagnostic } from "../diagnostics";
import type { Channel } from "../schema/common";
import type { FlowDocument, FlowEdge, FlowNode, FlowResolver } from "../schema/flowDocument";
import type { ActionJson, StateJson, StepMeta, TransitionJson } from "../compile/machineJson";
import { flowEffect } from "../compile/flowEffect";
import type { FlowEffectOf, FlowEffectType, FlowGuard } from "../compile/flowEffect";

/** The outlet a node with a single way out uses: an edge without `sourceHandle`. */
export const DEFAULT_OUTLET = "out";

export type NodeBehaviour = "passes" | "waits" | "final";

export type OutgoingEdge = {
  edge: FlowEdge;
  /** The outlet the edge leaves from (`DEFAULT_OUTLET` when the edge names none). */
  outlet: string;
  /** The state key of the edge's target. */
  target: string;
};

export type NodeCheckContext<Data> = {
  node: FlowNode;
  data: Data;
  document: FlowDocument;
  declaredVariables: ReadonlySet<string>;
  resolveFlow?: FlowResolver;
  /** The workspace's segment names, when known: a start node's `segment` must be one of them. */
  segments?: ReadonlySet<string>;
};

export type NodeCompileContext<Data> = {
  node: FlowNode;
  data: Data;
  document: FlowDocument;
  /** Unique across nested subflows; names timers (`timer.<path>`). */
  path: string;
  outgoing: readonly OutgoingEdge[];
  /**
   * The transition along the first edge leaving `outlet` (none when no edge does), with `guard` and
   * `actions`; it records the node left by that outlet (`leaveNode`) for the interaction's path.
   */
  exit(outlet: string, options?: { guard?: FlowGuard; actions?: ActionJson[] }): TransitionJson[];
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

export type NodeStatus = StepMeta["status"];

/** What a node type adds to the API's `step` (StepMeta) beyond node, path, type, status, accepts and timer. */
export type StepDetails = Pick<
  StepMeta,
  | "stage"
  | "mot"
  | "script"
  | "styles"
  | "label"
  | "outcome"
  | "options"
  | "scale"
  | "metric"
  | "level"
  | "methods"
  | "maxAttempts"
  | "codeScript"
>;

/** A script a node speaks, and the channels it may be spoken on (checked by checkScripts). */
export type ScriptUse = { key: string; channels: readonly Channel[] };

/**
 * Everything the language knows about one node type, written in its `flows/nodes/<type>.ts`. Every
 * part is required (a flag such as `edgesByEvent` and the extra `check` aside), so a type that lacks
 * one fails to compile; the registry, the canvas components and the designer's texts are typed
 * against the list of types, so a type missing from any of them fails to compile too.
 */
export type NodeTypeSpec<Type extends string, Schema extends z.ZodType> = {
  type: Type;
  /** The palette's name for it, in English (validator messages). */
  label: string;
  /** One line for the palette and the docs. */
  description: string;
  /** The designer's text key for its name (components/i18n/messages/designer.ts, one per type). */
  textKey: `node.${NoInfer<Type>}`;
  behaviour: NodeBehaviour;
  dataSchema: Schema;
  /** The data a node gets when dropped from the palette: what a designer must fill stays empty. */
  defaultData(): z.input<Schema>;
  /** The outlets (source handles) the node offers; undefined when they cannot be known here. */
  outlets(data: z.infer<Schema>, context: OutletContext): string[] | undefined;
  /** Outlets that must be connected for the node to work (errors when not). */
  requiredOutlets(data: z.infer<Schema>): string[];
  /** Stage-like nodes whose edges are chosen by `edge.data.event` rather than by outlet. */
  edgesByEvent?: boolean;
  /** The status an interaction has while on this node. */
  status(data: z.infer<Schema>): NodeStatus;
  /** What the API's `step` shows about the node (stage, script, options, …). */
  step(data: z.infer<Schema>): StepDetails;
  /** The scripts it speaks and on which channels; `flowChannels` are the flow's. */
  scripts(data: z.infer<Schema>, flowChannels: readonly Channel[]): ScriptUse[];
  /** The side effects its compiled state can ask for (besides `enterNode`, which every state runs). */
  effects: readonly FlowEffectType[];
  check?(context: NodeCheckContext<z.infer<Schema>>): Diagnostic[];
  compile(context: NodeCompileContext<z.infer<Schema>>): StateJson;
};

/** The parts of a node type that do not depend on its data. */
export type NodeTypeInfo = Pick<
  NodeTypeSpec<string, z.ZodType>,
  "type" | "label" | "description" | "behaviour" | "edgesByEvent" | "effects"
>;

/** A node whose data parsed, with its type's parts bound to that data (no casts at the call sites). */
export type AnalysedNode = {
  node: FlowNode;
  definition: NodeTypeInfo;
  outlets(context: OutletContext): string[] | undefined;
  requiredOutlets(): string[];
  status(): NodeStatus;
  step(): StepDetails;
  scripts(flowChannels: readonly Channel[]): ScriptUse[];
  check(context: Omit<NodeCheckContext<unknown>, "node" | "data">): Diagnostic[];
  compile(context: Omit<NodeCompileContext<unknown>, "node" | "data">): StateJson;
};

export type NodeTypeDefinition<Type extends string, Schema extends z.ZodType> = NodeTypeSpec<Type, Schema> & {
  /** Parses a node's data with the type's schema and binds the type's parts to it. */
  analyse(node: FlowNode): { ok: true; node: AnalysedNode } | { ok: false; error: z.ZodError };
  /**
   * The outlets of a node on the canvas, whose data may not parse yet: read as far as it goes (a
   * decision with one bad rule keeps its other handles); undefined when they cannot be known.
   */
  draftOutlets(data: Record<string, unknown>, context: OutletContext): string[] | undefined;
};

/**
 * A node's parsed data with its type's parts bound to it. A class, not an object of closures: a big
 * flow analyses thousands of nodes, and nine closures per node cost more than the parse itself.
 */
class BoundNode<Type extends string, Schema extends z.ZodType> implements AnalysedNode {
  constructor(
    readonly node: FlowNode,
    readonly definition: NodeTypeInfo,
    private readonly spec: NodeTypeSpec<Type, Schema>,
    private readonly data: z.infer<Schema>,
  ) {}
  outlets(context: OutletContext): string[] | undefined {
    return this.spec.outlets(this.data, context);
  }
  requiredOutlets(): string[] {
    return this.spec.requiredOutlets(this.data);
  }
  status(): NodeStatus {
    return this.spec.status(this.data);
  }
  step(): StepDetails {
    return this.spec.step(this.data);
  }
  scripts(flowChannels: readonly Channel[]): ScriptUse[] {
    return this.spec.scripts(this.data, flowChannels);
  }
  check(context: Omit<NodeCheckContext<unknown>, "node" | "data">): Diagnostic[] {
    return this.spec.check?.({ ...context, node: this.node, data: this.data }) ?? [];
  }
  compile(context: Omit<NodeCompileContext<unknown>, "node" | "data">): StateJson {
    return this.spec.compile({ ...context, node: this.node, data: this.data });
  }
}

export function defineNodeType<Type extends string, Schema extends z.ZodType>(
  spec: NodeTypeSpec<Type, Schema>,
): NodeTypeDefinition<Type, Schema> {
  const definition: NodeTypeDefinition<Type, Schema> = {
    ...spec,
    analyse: (node) => {
      const parsed = spec.dataSchema.safeParse(node.data);
      return parsed.success
        ? { ok: true, node: new BoundNode(node, definition, spec, parsed.data) }
        : { ok: false, error: parsed.error };
    },
    draftOutlets: (data, context) => {
      const parsed = spec.dataSchema.safeParse(data);
      try {
        // The one place unparsed data meets a type's code: it reads what is there, and what throws is caught.
        return spec.outlets(parsed.success ? parsed.data : (data as z.infer<Schema>), context);
      } catch {
        return undefined;
      }
    },
  };
  return definition;
}

/**
 * A transition to `target` that records leaving the node at `path` by `outlet`, then runs `actions`.
 * An edge back to the node itself (`self`, its state key) leaves and enters it again, so its entry
 * actions (a timer, a question, a script) run again.
 */
export function leaveTo(
  target: string,
  path: string,
  outlet: string,
  options: { guard?: FlowGuard; actions?: ActionJson[]; self?: string } = {},
): TransitionJson {
  const transition: TransitionJson = {
    target,
    actions: [flowEffect.leaveNode({ path, outlet }), ...(options.actions ?? [])],
    ...(options.self === target ? { reenter: true } : {}),
  };
  return options.guard ? { guard: options.guard, ...transition } : transition;
}

export function timerActions(
  path: string,
  schedule: { after?: string; until?: string },
): { entry: FlowEffectOf<"scheduleTimer">[]; exit: FlowEffectOf<"cancelTimer">[] } {
  const params: FlowEffectOf<"scheduleTimer">["params"] = { id: path };
  if (schedule.after !== undefined) params.after = schedule.after;
  if (schedule.until !== undefined) params.until = schedule.until;
  return { entry: [flowEffect.scheduleTimer(params)], exit: [flowEffect.cancelTimer({ id: path })] };
}

export function withoutUndefined<T extends Record<string, unknown>>(
  value: T,
): { [K in keyof T]: Exclude<T[K], undefined> } {
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== undefined) result[key] = item;
  return result as { [K in keyof T]: Exclude<T[K], undefined> };
}
