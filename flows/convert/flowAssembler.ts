import type { Channel } from "../schema/common";
import type { FlowDocument, FlowEdge, FlowNode, VariableDeclaration } from "../schema/flowDocument";
import { FLOW_SCHEMA } from "../schema/flowDocument";
import type { ScriptDocument, ScriptVariant } from "../schema/scriptDocument";
import { SCRIPT_SCHEMA } from "../schema/scriptDocument";
import type { NodeType } from "../nodes/registry";
import type { ConversionReportItem, ConversionStats, ReasonCode } from "./conversionTypes";
import { slug, uniqueName } from "./naming";
import { pruneUnreachable } from "./pruneUnreachable";
import { breakPassingLoops } from "./breakPassingLoops";

export type Position = { x: number; y: number };

/** A way out of a converted state: an outlet (or stage event) of one of its nodes, towards a source state. */
export type Exit = {
  node: string;
  outlet?: string;
  event?: string;
  /** The source state it leads to; none: the source flow ends there. */
  next?: string;
  /** The outcome of the end it leads to when there is no `next` (default `resolved`). */
  outcome?: string;
};

export type AssembledFlow = {
  flow: FlowDocument;
  scripts: ScriptDocument[];
  report: ConversionReportItem[];
  stats: ConversionStats;
};

/**
 * Collects the nodes, edges, variables and scripts a converter makes from a source flow, and wires the
 * transitions between source states once every state is known. Shared by the Twilio and Connect converters.
 */
export class FlowAssembler {
  readonly nodes: FlowNode[] = [];
  readonly edges: FlowEdge[] = [];
  readonly variables: { [name: string]: VariableDeclaration } = {};
  readonly scripts: ScriptDocument[] = [];
  readonly report: ConversionReportItem[] = [];
  /** Transitions and prompts seen in the source, for the round-trip facts. */
  sourceTransitions = 0;
  sourcePrompts = 0;
  private readonly nodeIds = new Set<string>();
  private readonly scriptKeys = new Set<string>();
  private readonly exits: Exit[] = [];
  private readonly entries = new Map<string, string>();
  private readonly skips = new Map<string, string | undefined>();
  private readonly nodeState = new Map<string, string>();
  /** States only branches that are not needed (Connect's NoMatchingError) lead to, and those lost ones do. */
  private readonly unneededTargets = new Set<string>();
  private readonly lostTargets = new Set<string>();
  private edgeCount = 0;
  /** The shared end node of each outcome, made when a transition first needs it. */
  private readonly ends = new Map<string, string>();

  constructor(private readonly keyBase: string) {}

  /** Adds a node; `id` is made unique. Returns the id used. */
  addNode(id: string, type: NodeType, position: Position, data: { [key: string]: unknown }, state?: string): string {
    const unique = uniqueName(id, this.nodeIds, ".");
    this.nodeIds.add(unique);
    this.nodes.push({ id: unique, type, position: { x: position.x, y: position.y }, data });
    if (state !== undefined) this.nodeState.set(unique, state);
    return unique;
  }

  /** An id no node has yet (for a node that will be added later). */
  freeNodeId(id: string): string {
    return uniqueName(id, this.nodeIds, ".");
  }

  /** Transitions into source state `state` arrive at node `node`. */
  enter(state: string, node: string): void {
    this.entries.set(state, node);
  }

  /** Source state `state` has no node of its own: transitions into it continue to `next`. */
  skip(state: string, next: string | undefined): void {
    this.skips.set(state, next);
  }

  exit(exit: Exit): void {
    this.exits.push(exit);
  }

  /** An edge between two nodes the converter made for one source state. */
  link(source: string, target: string, outlet?: string, event?: string): void {
    this.edges.push(this.edge(source, target, outlet, event));
  }

  /**
   * Declares a flow variable. A string declared again as a number (compared or counted as one) or an
   * object (read by a path) becomes that; otherwise the first declaration wins.
   */
  declare(name: string, type: VariableDeclaration["type"], defaultValue?: number | string): void {
    const existing = this.variables[name] ?? (this.variables[name] = { type });
    if ((type === "object" || type === "number") && existing.type === "string") existing.type = type;
    if (defaultValue !== undefined && existing.default === undefined && existing.type === type)
      existing.default = defaultValue;
  }

  /** Adds a script document for one prompt; returns its key. */
  addScript(stateName: string, name: string, variants: ScriptVariant[]): string {
    const key = uniqueName(`${this.keyBase}-${slug(stateName, "prompt")}`.slice(0, 90), this.scriptKeys);
    this.scriptKeys.add(key);
    this.scripts.push({ schema: SCRIPT_SCHEMA, key, name, variants });
    return key;
  }

  /** A source transition to `state` is not converted because it is not needed (it is noted, not lost). */
  unneededBranchTo(state: string): void {
    this.unneededTargets.add(state);
  }

  /** A source transition to `state` could not be converted (its state's report says why). */
  lostBranchTo(state: string): void {
    this.lostTargets.add(state);
  }

  record(item: ConversionReportItem): void {
    this.report.push(item);
  }

  finish(meta: { key: string; name: string; description?: string; channels: Channel[]; start: string }): AssembledFlow {
    for (const exit of this.exits) this.wire(exit);
    const flow: FlowDocument = {
      schema: FLOW_SCHEMA,
      key: meta.key,
      name: meta.name,
      ...(meta.description ? { description: meta.description } : {}),
      kind: "sop",
      channels: meta.channels,
      variables: this.variables,
      nodes: this.nodes,
      edges: this.edges,
    };
    this.routeSelfLoops();
    for (const { node, why } of pruneUnreachable(flow, meta.start)) this.markLost(node, why, "unreachable", true);
    for (const { node, why } of breakPassingLoops(
      flow,
      (id) => this.freeNodeId(id),
      (id) => this.nodeIds.add(id),
    ))
      this.markLost(node, why, "loop");
    const usedScripts = new Set(flow.nodes.map((n) => n.data.script).filter((s) => typeof s === "string"));
    const scripts = this.scripts.filter((s) => usedScripts.has(s.key));
    const converted = this.report.filter((r) => r.converted).length;
    return {
      flow,
      scripts,
      report: this.report,
      stats: {
        states: this.report.length,
        transitions: this.sourceTransitions,
        prompts: this.sourcePrompts,
        nodes: flow.nodes.length,
        edges: flow.edges.length,
        scripts: scripts.length,
        converted,
        notConverted: this.report.length - converted,
      },
    };
  }

  /**
   * An edge back into its own node (a menu repeated on timeout) goes through a decision with no rules:
   * the node is then left and entered again, so it asks again and its timer starts again.
   */
  private routeSelfLoops(): void {
    for (const edge of this.edges) {
      if (edge.source !== edge.target) continue;
      const node = this.nodes.find((n) => n.id === edge.source);
      const again = this.addNode(
        `${edge.source}.again`,
        "decision",
        { x: (node?.position.x ?? 0) + 220, y: node?.position.y ?? 0 },
        { rules: [], label: `Again: ${edge.source}` },
      );
      this.edges.push(this.edge(again, edge.target, "else"));
      edge.target = again;
    }
  }

  private wire(exit: Exit): void {
    const target = exit.next === undefined ? undefined : this.resolve(exit.next);
    if (target === "missing") {
      this.markLost(
        exit.node,
        `a transition leads to "${exit.next}", which is not in the flow; it ends there instead`,
        "branch-left-out",
      );
    }
    const to = typeof target === "string" && target !== "missing" ? target : this.endNode(exit.outcome ?? "resolved");
    this.edges.push(this.edge(exit.node, to, exit.outlet, exit.event));
  }

  /** The node a transition to `state` arrives at; undefined when it ends the flow; "missing" for an unknown state. */
  private resolve(state: string): string | undefined | "missing" {
    const seen = new Set<string>();
    let current: string | undefined = state;
    while (current !== undefined) {
      const entry = this.entries.get(current);
      if (entry !== undefined) return entry;
      if (!this.skips.has(current)) return "missing";
      if (seen.has(current)) return undefined;
      seen.add(current);
      current = this.skips.get(current);
    }
    return undefined;
  }

  private endNode(outcome: string): string {
    const existing = this.ends.get(outcome);
    if (existing !== undefined) return existing;
    const lowest = this.nodes.reduce((y, n) => Math.max(y, n.position.y), 0);
    const id = this.addNode(
      `end-${outcome}`,
      "end",
      { x: this.ends.size * 260, y: lowest + 240 },
      {
        outcome,
        label: `End (${outcome})`,
      },
    );
    this.ends.set(outcome, id);
    return id;
  }

  private onlyUnneeded(state: string): boolean {
    return (
      this.unneededTargets.has(state) && !this.lostTargets.has(state) && !this.exits.some((exit) => exit.next === state)
    );
  }

  private edge(source: string, target: string, outlet?: string, event?: string): FlowEdge {
    this.edgeCount += 1;
    return {
      id: `e${this.edgeCount}`,
      source,
      target,
      ...(outlet !== undefined ? { sourceHandle: outlet } : {}),
      ...(event !== undefined ? { data: { event } } : {}),
    };
  }

  /** A node lost a piece after wiring (unreachable, a loop broken): its state's report line says so. */
  private markLost(node: string, why: string, code: ReasonCode, removed = false): void {
    const state = this.nodeState.get(node);
    const item = state === undefined ? undefined : this.report.find((r) => r.state === state);
    if (!item) return;
    if (removed && item.node === node) delete item.node;
    if (removed && this.onlyUnneeded(item.state)) {
      item.note = `${item.note ? `${item.note}; ` : ""}only branches that are not needed lead here, so it is left out`;
      return;
    }
    item.converted = false;
    item.why = item.why ? `${item.why}; ${why}` : why;
    item.reasons = [...new Set([...(item.reasons ?? []), code])];
  }
}
