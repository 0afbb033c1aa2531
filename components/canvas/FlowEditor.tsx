"use client";

import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import type { DragEvent } from "react";
import dynamic from "next/dynamic";
import Link from "next/link";
import { Background, Controls, MiniMap, ReactFlow, useReactFlow } from "@xyflow/react";
import type { Connection, IsValidConnection } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { isNodeType } from "../../flows/nodes/registry";
import type { Diagnostic, FlowDocument, NodeType } from "../../flows";
import { defaultNodeData, isValidOutlet, nodeOutlets } from "../../flows/canvas";
import { useLocale } from "../i18n/LocaleProvider";
import { useTRPC } from "../trpc/trpc";
import { CanvasContext, Decorations } from "./decorations";
import type { CanvasEdge, CanvasNode, EditorStore } from "./editorStore";
import { freeEdgeId, freeId } from "./ids";
import { flowNodeTypes } from "./nodes/flowNodeTypes";
import { DetailLevel } from "./nodes/detailLevel";
import { Palette, PALETTE_MIME } from "./Palette";
import { Inspector } from "./Inspector";
import { ProblemsPanel } from "./ProblemsPanel";
import { FileActions } from "./FileActions";
import { useAutosave } from "./useAutosave";
import { useValidation } from "./useValidation";
import { resolversFor } from "./resolvers";
import { LARGE_FLOW } from "./largeFlow";
import styles from "./canvas.module.css";

/** What the signed-in member's role allows here; without `edit` the canvas is read-only. */
export type EditorAccess = { edit: boolean; publish: boolean; role: string };

// The simulator (XState, Liquid), the version list and the diff load when first opened, not with the canvas.
const SimulatorPanel = dynamic(() => import("./SimulatorPanel").then((m) => m.SimulatorPanel), {
  ssr: false,
  loading: PanelLoading,
});
const VersionsPanel = dynamic(() => import("./VersionsPanel").then((m) => m.VersionsPanel), {
  ssr: false,
  loading: PanelLoading,
});
const DiffOverlay = dynamic(() => import("./DiffOverlay").then((m) => m.DiffOverlay), { ssr: false });

function PanelLoading() {
  const { t } = useLocale();
  return <p className={styles.muted}>{t("common.loading")}</p>;
}

type Props = {
  store: EditorStore;
  flowKey: string;
  revision: string;
  latestVersion: number | null;
  /** The published flows subflow nodes may call. */
  publishedFlows?: FlowDocument[];
  access?: EditorAccess;
};
const NO_FLOWS: FlowDocument[] = [];
// React Flow copies a changed prop into its store, which re-runs every node's and edge's selectors:
// props that are objects stay the same objects across renders (a drag renders on every frame).
const FIT_VIEW_OPTIONS = { padding: 0.15, maxZoom: 1 };
const FAR_VIEWPORT = { x: 0, y: 0, zoom: 0.1 };
const NEAR_VIEWPORT = { x: 0, y: 0, zoom: 1 };
const PRO_OPTIONS = { hideAttribution: true };
const DELETE_KEYS = ["Delete", "Backspace"];
const MULTI_SELECTION_KEYS = ["Meta", "Control", "Shift"];
type Tab = "inspect" | "simulate" | "versions";
type Compare = { from: { label: string; document: FlowDocument }; to: { label: string; document: FlowDocument } };

export function FlowEditor({
  store,
  flowKey,
  revision,
  latestVersion: initialLatest,
  publishedFlows = NO_FLOWS,
  access = { edit: true, publish: true, role: "admin" },
}: Props) {
  const readOnly = !access.edit;
  const { t } = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const state = useSyncExternalStore(store.subscribe, store.get, store.get);
  const { nodes, edges, meta, structureVersion } = state;
  const resolveFlow = useMemo(() => resolversFor(publishedFlows).resolveFlow, [publishedFlows]);
  const large = nodes.length > LARGE_FLOW;
  const flow = useReactFlow<CanvasNode, CanvasEdge>();
  const [decorations] = useState(() => new Decorations());
  const [tab, setTab] = useState<Tab>("inspect");
  const [toast, setToast] = useState<string | undefined>();
  const [compare, setCompare] = useState<Compare | undefined>();
  const [pathEdges, setPathEdges] = useState<ReadonlySet<string>>(new Set());
  const [latestVersion, setLatestVersion] = useState(initialLatest);
  const [query, setQuery] = useState("");
  const clipboard = useRef<{ nodes: CanvasNode[]; edges: CanvasEdge[] } | undefined>(undefined);
  const addCount = useRef(0);
  const autosave = useAutosave(store, flowKey, revision, !readOnly);

  const publish = useMutation(trpc.flows.publish.mutationOptions());

  const showToast = useCallback((message: string) => {
    setToast(message);
    setTimeout(() => setToast((current) => (current === message ? undefined : current)), 4000);
  }, []);

  // Scripts as published flows will use them (newest approved versions); checked once they have loaded.
  const approvedScripts = useQuery({ ...trpc.scripts.approved.queryOptions(), staleTime: 60_000 });
  const diagnostics = useValidation(store, structureVersion, { flows: publishedFlows, scripts: approvedScripts.data });
  useEffect(() => {
    const layer = new Map<string, string>();
    for (const d of diagnostics) if (d.nodeId && layer.get(d.nodeId) !== "error") layer.set(d.nodeId, d.severity);
    decorations.setLayer("problem", layer);
  }, [diagnostics, decorations]);
  const errorCount = diagnostics.filter((d) => d.severity === "error").length;

  const displayEdges = useMemo(() => {
    const bad = new Set(diagnostics.flatMap((d) => (d.edgeId ? [d.edgeId] : [])));
    if (bad.size === 0 && pathEdges.size === 0) return edges;
    return edges.map((e) =>
      bad.has(e.id)
        ? { ...e, className: "edgeError" }
        : pathEdges.has(e.id)
          ? { ...e, className: "onPath", animated: true }
          : e,
    );
  }, [edges, diagnostics, pathEdges]);

  const addNode = useCallback(
    (type: NodeType, position?: { x: number; y: number }) => {
      const taken = new Set(store.get().nodes.map((n) => n.id));
      let at = position;
      if (!at) {
        const bounds = document.querySelector(`.${styles.canvas}`)?.getBoundingClientRect();
        const centre = flow.screenToFlowPosition({
          x: (bounds?.left ?? 0) + (bounds?.width ?? 800) / 2,
          y: (bounds?.top ?? 0) + (bounds?.height ?? 600) / 2,
        });
        const offset = (addCount.current++ % 6) * 30;
        at = { x: centre.x - 100 + offset, y: centre.y - 40 + offset };
      }
      store.addNode({ id: freeId(type, taken), type, position: at, data: defaultNodeData(type) });
      setTab("inspect");
    },
    [store, flow],
  );

  const onDrop = useCallback(
    (event: DragEvent) => {
      event.preventDefault();
      const type = event.dataTransfer.getData(PALETTE_MIME);
      if (!isNodeType(type)) return;
      addNode(type, flow.screenToFlowPosition({ x: event.clientX - 100, y: event.clientY - 20 }));
    },
    [addNode, flow],
  );

  const isValidConnection = useCallback<IsValidConnection<CanvasEdge>>(
    (connection) => {
      const { nodes: all, edges: existing } = store.get();
      const source = all.find((n) => n.id === connection.source);
      const target = all.find((n) => n.id === connection.target);
      if (!source || !target || source.id === target.id || target.type === "start") return false;
      if (!isValidOutlet(source.type, source.data, connection.sourceHandle, resolveFlow)) return false;
      if (nodeOutlets(source.type, source.data, resolveFlow).byEvent) return true;
      // One edge per outlet: a second would never be taken.
      return !existing.some(
        (e) => e.source === source.id && (e.sourceHandle ?? null) === (connection.sourceHandle ?? null),
      );
    },
    [store, resolveFlow],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      const taken = new Set(store.get().edges.map((e) => e.id));
      const id = freeEdgeId(taken);
      const source = store.get().nodes.find((n) => n.id === connection.source);
      store.addEdge({
        id,
        source: connection.source,
        target: connection.target,
        ...(connection.sourceHandle ? { sourceHandle: connection.sourceHandle } : {}),
      });
      if (source && nodeOutlets(source.type, source.data).byEvent) store.select(new Set(), new Set([id]));
    },
    [store],
  );

  const selectDiagnostic = useCallback(
    (d: Diagnostic) => {
      setTab("inspect");
      if (d.nodeId) {
        store.select(new Set([d.nodeId]));
        const node = store.get().nodes.find((n) => n.id === d.nodeId);
        if (node)
          void flow.setCenter(node.position.x + 100, node.position.y + 50, {
            zoom: Math.max(flow.getZoom(), 0.9),
            duration: 250,
          });
      } else if (d.edgeId) store.select(new Set(), new Set([d.edgeId]));
      else store.select(new Set());
    },
    [store, flow],
  );

  const copy = useCallback(() => {
    const { nodes: all, edges: allEdges } = store.get();
    const picked = all.filter((n) => n.selected);
    const ids = new Set(picked.map((n) => n.id));
    clipboard.current = { nodes: picked, edges: allEdges.filter((e) => ids.has(e.source) && ids.has(e.target)) };
  }, [store]);
  const paste = useCallback(
    () => clipboard.current && store.paste(clipboard.current.nodes, clipboard.current.edges, freeId),
    [store],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target;
      if (
        target instanceof HTMLElement &&
        (target.closest("input, textarea, select, [contenteditable=true]") || compare)
      )
        return;
      const mod = event.ctrlKey || event.metaKey;
      if (!mod) return;
      const key = event.key.toLowerCase();
      if (key === "c") copy();
      else if (readOnly) return;
      else if (key === "z" && !event.shiftKey) store.undo();
      else if ((key === "z" && event.shiftKey) || key === "y") store.redo();
      else if (key === "v") paste();
      else if (key === "a") store.select(new Set(store.get().nodes.map((n) => n.id)));
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [store, copy, paste, compare, readOnly]);

  const onPath = useCallback(
    (visited: string[], current: string | undefined) => {
      const layer = new Map<string, string>(visited.map((id) => [id, "visited"]));
      if (current) layer.set(current, "current");
      decorations.setLayer("simulation", layer);
      const onPathEdges = new Set<string>();
      for (let i = 1; i < visited.length; i++) {
        const edge = store.get().edges.find((e) => e.source === visited[i - 1] && e.target === visited[i]);
        if (edge) onPathEdges.add(edge.id);
      }
      setPathEdges(onPathEdges);
    },
    [decorations, store],
  );

  const find = (direction: 1 | -1 = 1) => {
    const q = query.trim().toLowerCase();
    const all = store.get().nodes;
    const matches = q
      ? all.filter((n) =>
          [n.id, n.type, n.data.label, n.data.script, n.data.outcome, n.data.stage].some(
            (v) => typeof v === "string" && v.toLowerCase().includes(q),
          ),
        )
      : [];
    decorations.setLayer("search", new Map(matches.map((n) => [n.id, "match"])));
    if (matches.length === 0) return q && showToast(t("editor.findNone"));
    const currentIndex = matches.findIndex((n) => n.selected);
    const next = matches[(currentIndex + direction + matches.length) % matches.length] ?? matches[0]!;
    store.select(new Set([next.id]));
    void flow.setCenter(next.position.x + 100, next.position.y + 50, { zoom: 1.1, duration: 250 });
  };

  const layout = async () => {
    const { layoutFlow } = await import("../../flows/canvas/layoutFlow");
    const { nodes: all, edges: allEdges } = store.get();
    const positions = await layoutFlow(
      all.map((n) => ({ id: n.id, width: n.measured?.width, height: n.measured?.height })),
      allEdges,
    );
    store.setPositions(positions);
    requestAnimationFrame(() => void flow.fitView({ padding: 0.1, duration: 250 }));
  };

  const doPublish = async () => {
    await autosave.flush();
    try {
      const result = await publish.mutateAsync({ key: flowKey });
      autosave.rebase(result.revision, true);
      setLatestVersion(result.version);
      showToast(
        result.created
          ? t("editor.published", { version: result.version })
          : t("editor.publishUnchanged", { version: result.version }),
      );
      await queryClient.invalidateQueries({ queryKey: trpc.flows.versions.queryKey({ key: flowKey }) });
      await queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() });
    } catch (error) {
      const extensions =
        error instanceof TRPCClientError
          ? (error.data as { appExtensions?: { diagnostics?: Diagnostic[] } } | undefined)?.appExtensions
          : undefined;
      if (extensions?.diagnostics || !(error instanceof TRPCClientError)) {
        const count = extensions?.diagnostics?.filter((d) => d.severity === "error").length ?? errorCount;
        showToast(t("editor.publishRefused", { count }));
      } else {
        // Not the flow's fault: the caller may not publish (role, four eyes), or the server said why.
        showToast(t("editor.publishNotAllowed", { reason: error.message }));
      }
    }
  };

  // Stable callbacks: the panels are memoised and a drag re-renders this component on every frame.
  const currentDocument = useCallback(() => store.document(), [store]);
  const openCompare = useCallback((from: Compare["from"], to: Compare["to"]) => setCompare({ from, to }), []);
  const { rebase } = autosave;
  const onRestored = useCallback(
    (document: FlowDocument, nextRevision: string, version: number) => {
      store.replaceDocument(document);
      rebase(nextRevision, true);
      showToast(t("versions.restored", { version }));
    },
    [store, rebase, showToast, t],
  );

  const saveText =
    autosave.state.status === "saved"
      ? t("editor.saved")
      : autosave.state.status === "saving"
        ? t("editor.saving")
        : autosave.state.status === "unsaved"
          ? t("editor.unsaved")
          : t("editor.saveFailed", { message: autosave.state.message ?? "" });
  const environment = useMemo(() => ({ decorations, resolveFlow, readOnly }), [decorations, resolveFlow, readOnly]);

  return (
    <CanvasContext.Provider value={environment}>
      <div className={styles.editor}>
        <div className={styles.toolbar} role="toolbar" aria-label={meta.name}>
          <Link href="/flows" className={styles.button} prefetch={false}>
            {`← ${t("editor.back")}`}
          </Link>
          <h1 title={meta.key}>{meta.name}</h1>
          <span className={styles.badge}>
            {latestVersion ? t("editor.latest", { version: latestVersion }) : t("editor.never")}
          </span>
          <span
            className={`${styles.saveState} ${autosave.state.status === "error" ? styles.saveError : ""}`}
            role="status"
            data-testid="save-state"
            data-status={autosave.state.status}
          >
            {saveText}
          </span>
          {readOnly && (
            <span className={styles.badge} role="note" data-testid="read-only">
              {t("editor.readOnly", { role: access.role })}
            </span>
          )}
          <span className={styles.spacer} />
          {/* Editing tools are not offered to a role that cannot edit (the canvas's own controls still fit the view). */}
          <div className={styles.toolbarGroup} style={readOnly ? { display: "none" } : undefined}>
            <button
              type="button"
              className={styles.iconButton}
              onClick={store.undo}
              disabled={!state.canUndo}
              aria-label={t("editor.undo")}
              title={t("editor.undo")}
            >
              ↶
            </button>
            <button
              type="button"
              className={styles.iconButton}
              onClick={store.redo}
              disabled={!state.canRedo}
              aria-label={t("editor.redo")}
              title={t("editor.redo")}
            >
              ↷
            </button>
            <button
              type="button"
              className={styles.iconButton}
              onClick={copy}
              aria-label={t("editor.copy")}
              title={t("editor.copy")}
            >
              {t("editor.copyShort")}
            </button>
            <button
              type="button"
              className={styles.iconButton}
              onClick={paste}
              aria-label={t("editor.paste")}
              title={t("editor.paste")}
            >
              {t("editor.pasteShort")}
            </button>
            <button
              type="button"
              className={styles.iconButton}
              onClick={() => store.deleteSelected()}
              aria-label={t("editor.delete")}
              title={t("editor.delete")}
            >
              {t("editor.deleteShort")}
            </button>
            <button type="button" className={styles.button} onClick={() => void layout()}>
              {t("editor.layout")}
            </button>
            <button
              type="button"
              className={styles.button}
              onClick={() => void flow.fitView({ padding: 0.1, duration: 250 })}
            >
              {t("editor.fit")}
            </button>
          </div>
          <form
            className={styles.search}
            role="search"
            onSubmit={(e) => {
              e.preventDefault();
              find();
            }}
          >
            <input
              type="search"
              aria-label={t("editor.findNode")}
              placeholder={t("editor.findNode")}
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
          </form>
          <FileActions
            store={store}
            flowKey={flowKey}
            resolveFlow={resolveFlow}
            onMessage={showToast}
            readOnly={readOnly}
          />
          <button
            type="button"
            className={`${styles.button} ${styles.primary}`}
            onClick={() => void doPublish()}
            disabled={publish.isPending}
            hidden={!access.publish}
            aria-describedby="publish-errors"
          >
            {publish.isPending ? t("editor.publishing") : t("editor.publish")}
          </button>
          <span id="publish-errors" className={styles.visuallyHidden}>
            {t("editor.errors", { count: errorCount })}
          </span>
        </div>
        {readOnly ? <div aria-hidden="true" /> : <Palette onAdd={addNode} />}
        <div
          className={styles.canvas}
          onDragOver={(e) => e.preventDefault()}
          onDrop={onDrop}
          aria-label={t("editor.canvas")}
          role="application"
        >
          <DetailLevel>
            <ReactFlow<CanvasNode, CanvasEdge>
              nodes={nodes}
              edges={displayEdges}
              nodeTypes={flowNodeTypes}
              onNodesChange={store.onNodesChange}
              onEdgesChange={store.onEdgesChange}
              onNodeDragStart={store.beginDrag}
              onSelectionDragStart={store.beginDrag}
              onConnect={readOnly ? undefined : onConnect}
              isValidConnection={isValidConnection}
              nodesDraggable={!readOnly}
              nodesConnectable={!readOnly}
              deleteKeyCode={readOnly ? null : DELETE_KEYS}
              multiSelectionKeyCode={MULTI_SELECTION_KEYS}
              minZoom={0.05}
              // React Flow fits the flow into view once every node is measured, before any is shown. A big
              // flow starts far out, so its first render is already the light one.
              fitView
              fitViewOptions={FIT_VIEW_OPTIONS}
              defaultViewport={large ? FAR_VIEWPORT : NEAR_VIEWPORT}
              maxZoom={2}
              proOptions={PRO_OPTIONS}
            >
              {/* Painting the dot grid and a minimap of thousands of nodes on every frame of a pan is
                  what software rendering cannot afford: big flows go without (bench/canvas.ts). */}
              {!large && <Background />}
              <Controls showInteractive={false} />
              {!large && <MiniMap pannable zoomable ariaLabel="Mini map" />}
            </ReactFlow>
          </DetailLevel>
          {compare && <DiffOverlay from={compare.from} to={compare.to} onClose={() => setCompare(undefined)} />}
          {toast && (
            <div className={styles.toast} role="status" data-testid="toast">
              {toast}
            </div>
          )}
        </div>
        <ProblemsPanel diagnostics={diagnostics} onSelect={selectDiagnostic} />
        <aside className={styles.side} aria-label={t("editor.tabs")}>
          <div className={styles.tabs} role="tablist">
            {(["inspect", "simulate", "versions"] as const).map((name) => (
              <button
                key={name}
                type="button"
                role="tab"
                className={styles.tab}
                aria-selected={tab === name}
                onClick={() => setTab(name)}
              >
                {t(`editor.tab.${name}`)}
              </button>
            ))}
          </div>
          <div className={styles.panel} role="tabpanel">
            {tab === "inspect" && (
              <fieldset disabled={readOnly} className={styles.plainFieldset}>
                <Inspector store={store} diagnostics={diagnostics} />
              </fieldset>
            )}
            {tab === "simulate" && (
              <SimulatorPanel document={currentDocument} resolveFlow={resolveFlow} onPath={onPath} />
            )}
            {tab === "versions" && (
              <VersionsPanel
                flowKey={flowKey}
                draft={currentDocument}
                onCompare={openCompare}
                onRestored={onRestored}
              />
            )}
          </div>
        </aside>
      </div>
    </CanvasContext.Provider>
  );
}
