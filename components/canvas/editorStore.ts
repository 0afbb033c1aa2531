import { applyEdgeChanges, applyNodeChanges } from "@xyflow/react";
import type { Edge, EdgeChange, Node, NodeChange } from "@xyflow/react";
import { edgeLabel, fromReactFlow, splitDocument, toReactFlow } from "../../flows/canvas";
import type { FlowMeta } from "../../flows/canvas";
import type { FlowDocument } from "../../flows";
import { hasEstimate, withEstimatedBoxes, withoutEstimate } from "./largeFlow";

export type CanvasNode = Node<Record<string, unknown>>;
export type CanvasEdge = Edge<Record<string, unknown>>;

export type EditorState = {
  meta: FlowMeta;
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  /** Bumps on every change the document sees (positions included): drives autosave. */
  docVersion: number;
  /** Bumps on changes the validator sees (not positions): drives validation. */
  structureVersion: number;
  canUndo: boolean;
  canRedo: boolean;
};

type Snapshot = { meta: FlowMeta; nodes: CanvasNode[]; edges: CanvasEdge[] };

/** The flow as the inspector reads it (positions may be stale: a drag does not change it), and what is selected. */
export type Inspection = Snapshot & { selection: string };

const HISTORY_LIMIT = 200;
const COALESCE_MS = 1200;

/**
 * The canvas's one store: the flow being edited as React Flow nodes and edges, its other fields,
 * and undo/redo history. React Flow runs controlled from it; the document is derived on demand.
 */
export class EditorStore {
  private state: EditorState;
  private past: Snapshot[] = [];
  private future: Snapshot[] = [];
  private lastCoalesce: { key: string; at: number } | undefined;
  private listeners = new Set<() => void>();
  private batching = false;
  private inspected: { key: string; value: Inspection } | undefined;

  /** A huge flow's nodes start with an estimated box each (largeFlow.ts: `estimatedBox`). */
  constructor(document: FlowDocument) {
    this.state = { ...fromDocument(document), docVersion: 0, structureVersion: 0, canUndo: false, canRedo: false };
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  get = () => this.state;

  /**
   * The same object until the structure or the selection changes: a drag moves nodes on every frame,
   * and panels that do not show positions should not render that often.
   */
  inspection = (): Inspection => {
    const { nodes, edges, meta, structureVersion } = this.state;
    const selection = `${selectedIds(nodes)}|${selectedIds(edges)}`;
    const key = `${structureVersion}|${selection}`;
    if (this.inspected?.key !== key) this.inspected = { key, value: { meta, nodes, edges, selection } };
    return this.inspected.value;
  };

  document(): FlowDocument {
    return fromReactFlow(this.state.meta, this.state.nodes, this.state.edges);
  }

  /** React Flow's own changes: selection and measuring are not edits; moves and removals are. */
  onNodesChange = (changes: NodeChange<CanvasNode>[]) => {
    const removes = changes.some((c) => c.type === "remove" || c.type === "add" || c.type === "replace");
    const moves = changes.some((c) => c.type === "position" && c.position);
    if (removes) this.rememberOnce();
    let nodes = applyNodeChanges(changes, this.state.nodes);
    // Measured now: the node's real handles replace its estimate (largeFlow.ts).
    if (changes.some((c) => c.type === "dimensions"))
      nodes = nodes.map((n) => (n.measured && hasEstimate(n) ? withoutEstimate(n) : n));
    let edges = this.state.edges;
    if (removes) {
      const ids = new Set(nodes.map((n) => n.id));
      edges = edges.filter((e) => ids.has(e.source) && ids.has(e.target));
    }
    this.set({ nodes, edges }, { doc: removes || moves, structure: removes });
  };

  onEdgesChange = (changes: EdgeChange<CanvasEdge>[]) => {
    const edits = changes.some((c) => c.type !== "select");
    if (edits) this.rememberOnce();
    this.set({ edges: applyEdgeChanges(changes, this.state.edges) }, { doc: edits, structure: edits });
  };

  /** Before a drag: one undo step per drag, not per pixel. */
  beginDrag = () => this.remember();

  addNode(node: CanvasNode) {
    this.remember();
    this.set(
      {
        nodes: [...this.state.nodes.map(unselect), { ...node, selected: true }],
        edges: this.state.edges.map(unselect),
      },
      { doc: true, structure: true },
    );
  }

  addEdge(edge: CanvasEdge) {
    this.remember();
    this.set({ edges: [...this.state.edges.map(unselect), withLabel(edge)] }, { doc: true, structure: true });
  }

  /** Edits one node's data; typing into one field is one undo step. */
  updateNodeData(id: string, data: Record<string, unknown>, field?: string) {
    this.remember(field ? `node:${id}:${field}` : undefined);
    this.set(
      { nodes: this.state.nodes.map((n) => (n.id === id ? { ...n, data } : n)) },
      { doc: true, structure: true },
    );
  }

  renameNode(id: string, next: string) {
    if (id === next || this.state.nodes.some((n) => n.id === next)) return false;
    this.remember();
    this.set(
      {
        nodes: this.state.nodes.map((n) => (n.id === id ? { ...n, id: next } : n)),
        edges: this.state.edges.map((e) => ({
          ...e,
          source: e.source === id ? next : e.source,
          target: e.target === id ? next : e.target,
        })),
      },
      { doc: true, structure: true },
    );
    return true;
  }

  updateEdge(id: string, patch: Partial<CanvasEdge>, field?: string) {
    this.remember(field ? `edge:${id}:${field}` : undefined);
    this.set(
      { edges: this.state.edges.map((e) => (e.id === id ? withLabel({ ...e, ...patch }) : e)) },
      { doc: true, structure: true },
    );
  }

  replaceEdges(edges: CanvasEdge[]) {
    this.remember();
    this.set({ edges: edges.map(withLabel) }, { doc: true, structure: true });
  }

  updateMeta(meta: FlowMeta, field?: string) {
    this.remember(field ? `meta:${field}` : undefined);
    this.set({ meta }, { doc: true, structure: true });
  }

  setPositions(positions: Map<string, { x: number; y: number }>) {
    this.remember();
    this.set(
      { nodes: this.state.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position })) },
      { doc: true, structure: false },
    );
  }

  select(nodeIds: ReadonlySet<string>, edgeIds: ReadonlySet<string> = new Set()) {
    this.set(
      {
        nodes: this.state.nodes.map((n) =>
          Boolean(n.selected) === nodeIds.has(n.id) ? n : { ...n, selected: nodeIds.has(n.id) },
        ),
        edges: this.state.edges.map((e) =>
          Boolean(e.selected) === edgeIds.has(e.id) ? e : { ...e, selected: edgeIds.has(e.id) },
        ),
      },
      { doc: false, structure: false },
    );
  }

  deleteSelected() {
    const nodeIds = new Set(this.state.nodes.filter((n) => n.selected).map((n) => n.id));
    const edgeIds = new Set(this.state.edges.filter((e) => e.selected).map((e) => e.id));
    if (nodeIds.size === 0 && edgeIds.size === 0) return;
    this.remember();
    this.set(
      {
        nodes: this.state.nodes.filter((n) => !nodeIds.has(n.id)),
        edges: this.state.edges.filter((e) => !edgeIds.has(e.id) && !nodeIds.has(e.source) && !nodeIds.has(e.target)),
      },
      { doc: true, structure: true },
    );
  }

  /** Replaces the whole document (import, restore); undoable. */
  replaceDocument(document: FlowDocument) {
    this.remember();
    const next = fromDocument(document);
    this.set({ ...next, nodes: this.keepMeasured(next.nodes) }, { doc: true, structure: true });
  }

  /** Pastes nodes (and the edges between them) with fresh ids, offset, selected. */
  paste(nodes: CanvasNode[], edges: CanvasEdge[], freeId: (base: string, taken: Set<string>) => string) {
    if (nodes.length === 0) return;
    this.remember();
    const taken = new Set(this.state.nodes.map((n) => n.id));
    const ids = new Map<string, string>();
    const pasted = nodes.map((n) => {
      const id = freeId(n.id.replace(/\d+$/, ""), taken);
      taken.add(id);
      ids.set(n.id, id);
      return {
        id,
        type: n.type,
        position: { x: n.position.x + 40, y: n.position.y + 40 },
        data: structuredClone(n.data),
        selected: true,
      } satisfies CanvasNode;
    });
    const edgeIds = new Set(this.state.edges.map((e) => e.id));
    const pastedEdges = edges.flatMap((e) => {
      const source = ids.get(e.source);
      const target = ids.get(e.target);
      if (!source || !target) return [];
      const id = freeId("e", edgeIds);
      edgeIds.add(id);
      return [withLabel({ ...e, id, source, target, selected: false })];
    });
    this.set(
      {
        nodes: [...this.state.nodes.map(unselect), ...pasted],
        edges: [...this.state.edges.map(unselect), ...pastedEdges],
      },
      { doc: true, structure: true },
    );
  }

  undo = () => this.travel(this.past, this.future);
  redo = () => this.travel(this.future, this.past);

  private travel(from: Snapshot[], to: Snapshot[]) {
    const snapshot = from.pop();
    if (!snapshot) return;
    to.push(this.snapshot());
    this.lastCoalesce = undefined;
    this.set({ ...snapshot, nodes: this.keepMeasured(snapshot.nodes) }, { doc: true, structure: true });
  }

  /**
   * Nodes coming back (undo, redo, a replaced document) with an estimate while React Flow has measured
   * them already keep that measurement instead: React Flow would take a drawn node's estimated handles
   * for real and not measure it again until its size changes (a change of size or outlets is
   * re-measured as always).
   */
  private keepMeasured(nodes: CanvasNode[]): CanvasNode[] {
    if (!nodes.some(hasEstimate)) return nodes;
    const measured = new Map<string, CanvasNode["measured"]>();
    for (const n of this.state.nodes) if (n.measured) measured.set(n.id, n.measured);
    return nodes.map((n) => {
      const size = hasEstimate(n) ? measured.get(n.id) : undefined;
      return size ? { ...withoutEstimate(n), measured: size } : n;
    });
  }

  private snapshot(): Snapshot {
    return { meta: this.state.meta, nodes: this.state.nodes, edges: this.state.edges };
  }

  /**
   * One undo step for changes React Flow reports together: deleting a node reports its edges'
   * removal and its own in two calls of the same task.
   */
  private rememberOnce() {
    if (this.batching) return;
    this.batching = true;
    queueMicrotask(() => (this.batching = false));
    this.remember();
  }

  private remember(coalesceKey?: string) {
    const now = Date.now();
    if (coalesceKey && this.lastCoalesce?.key === coalesceKey && now - this.lastCoalesce.at < COALESCE_MS) {
      this.lastCoalesce.at = now;
      return;
    }
    this.lastCoalesce = coalesceKey ? { key: coalesceKey, at: now } : undefined;
    this.past.push(this.snapshot());
    if (this.past.length > HISTORY_LIMIT) this.past.shift();
    this.future = [];
  }

  private set(patch: Partial<Snapshot>, bump: { doc: boolean; structure: boolean }) {
    this.state = {
      ...this.state,
      ...patch,
      docVersion: this.state.docVersion + (bump.doc ? 1 : 0),
      structureVersion: this.state.structureVersion + (bump.structure ? 1 : 0),
      canUndo: this.past.length > 0,
      canRedo: this.future.length > 0,
    };
    for (const listener of this.listeners) listener();
  }
}

function fromDocument(document: FlowDocument): Snapshot {
  const { meta } = splitDocument(document);
  const { nodes, edges } = toReactFlow(document);
  return { meta, nodes: withEstimatedBoxes(nodes as CanvasNode[], edges), edges: edges as CanvasEdge[] };
}

function selectedIds(items: ReadonlyArray<{ id: string; selected?: boolean }>): string {
  let ids = "";
  for (const item of items) if (item.selected) ids += `${item.id}\u0000`;
  return ids;
}

function unselect<T extends { selected?: boolean }>(item: T): T {
  return item.selected ? { ...item, selected: false } : item;
}

function withLabel(edge: CanvasEdge): CanvasEdge {
  const label = edgeLabel({ data: edge.data });
  if (label === edge.label || (!label && edge.label === undefined)) return edge;
  const { label: _old, ...rest } = edge;
  return label ? { ...rest, label } : rest;
}
