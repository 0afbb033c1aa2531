"use client";

import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import dynamic from "next/dynamic";
import { Background, Controls, MiniMap, ReactFlow, useReactFlow } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useQuery } from "@tanstack/react-query";
import type { Diagnostic, FlowDocument } from "../../flows";
import { decorateEdges, pathEdgeIds, problemLayer } from "../../flows/canvas/decorateEdges";
import { useLocale } from "../i18n/LocaleProvider";
import { useTRPC } from "../trpc/trpc";
import { CanvasContext, Decorations } from "./decorations";
import type { CanvasEdge, CanvasNode, EditorStore } from "./editorStore";
import { flowNodeTypes } from "./nodes/flowNodeTypes";
import { DetailLevel } from "./nodes/detailLevel";
import { Palette } from "./Palette";
import { ProblemsPanel } from "./ProblemsPanel";
import { EditorToolbar } from "./EditorToolbar";
import { EditorSidePanel } from "./EditorSidePanel";
import type { Comparison, EditorTab } from "./EditorSidePanel";
import { useAddNode } from "./useAddNode";
import { useAutosave } from "./useAutosave";
import { useClipboard } from "./useClipboard";
import { useConnections } from "./useConnections";
import { useEditorShortcuts } from "./useEditorShortcuts";
import { useToast } from "./useToast";
import { useValidation } from "./useValidation";
import { resolversFor } from "./resolvers";
import { segmentNames } from "../../flows/schema/parsePolicyDocument";
import { AnalyticsModeButton } from "../analytics/AnalyticsModeButton";
import { HUGE_FLOW, LARGE_FLOW, openingViewport } from "./largeFlow";
import styles from "./canvas.module.css";

/** What the signed-in member's role allows here; without `edit` the canvas is read-only. */
export type EditorAccess = { edit: boolean; publish: boolean; role: string };

// The diff loads when first opened, not with the canvas (as do the simulator and versions: EditorSidePanel).
const DiffOverlay = dynamic(() => import("./DiffOverlay").then((m) => m.DiffOverlay), { ssr: false });
const AnalyticsOverlay = dynamic(() => import("../analytics/AnalyticsOverlay").then((m) => m.AnalyticsOverlay), {
  ssr: false,
});

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
const NO_EDGES: ReadonlySet<string> = new Set();
// React Flow copies a changed prop into its store, which re-runs every node's and edge's selectors:
// props that are objects stay the same objects across renders (a drag renders on every frame).
const FIT_VIEW_OPTIONS = { padding: 0.15, maxZoom: 1 };
const FAR_VIEWPORT = { x: 0, y: 0, zoom: 0.1 };
const NEAR_VIEWPORT = { x: 0, y: 0, zoom: 1 };
const PRO_OPTIONS = { hideAttribution: true };
const DELETE_KEYS = ["Delete", "Backspace"];
const MULTI_SELECTION_KEYS = ["Meta", "Control", "Shift"];

/**
 * The visual designer: toolbar, palette, the React Flow canvas, problems and the side panel, around
 * the one editor store. Each part has its own file; this one wires them and owns what they share.
 */
export function FlowEditor({
  store,
  flowKey,
  revision,
  latestVersion,
  publishedFlows = NO_FLOWS,
  access = { edit: true, publish: true, role: "admin" },
}: Props) {
  const readOnly = !access.edit;
  const { t } = useLocale();
  const trpc = useTRPC();
  const state = useSyncExternalStore(store.subscribe, store.get, store.get);
  const { nodes, edges, meta, structureVersion } = state;
  const resolveFlow = useMemo(() => resolversFor(publishedFlows).resolveFlow, [publishedFlows]);
  const large = nodes.length > LARGE_FLOW;
  // Fit the view only to a flow that has nodes when it opens: on an empty canvas React Flow would fit
  // to the first node dropped, and it would jump to the middle instead of staying where it was dropped.
  const [fitOnOpen] = useState(() => nodes.length > 0);
  const huge = nodes.length >= HUGE_FLOW;
  const [openAt] = useState(() =>
    nodes.length >= HUGE_FLOW ? openingViewport(nodes) : nodes.length > LARGE_FLOW ? FAR_VIEWPORT : NEAR_VIEWPORT,
  );
  const flow = useReactFlow<CanvasNode, CanvasEdge>();
  const [decorations] = useState(() => new Decorations());
  const [tab, setTab] = useState<EditorTab>("inspect");
  const [compare, setCompare] = useState<Comparison | undefined>();
  const [pathEdges, setPathEdges] = useState<ReadonlySet<string>>(NO_EDGES);
  const [analytics, setAnalytics] = useState(false);
  const { toast, showToast } = useToast();
  const autosave = useAutosave(store, flowKey, revision, !readOnly);
  const { copy, paste } = useClipboard(store);
  useEditorShortcuts({ store, copy, paste, paused: compare !== undefined, readOnly });
  const inspect = useCallback(() => setTab("inspect"), []);
  const { addNode, onDrop } = useAddNode(store, inspect);
  const { isValidConnection, onConnect } = useConnections(store, resolveFlow);

  // Scripts as published flows will use them (newest approved versions); checked once they have loaded.
  const approvedScripts = useQuery({ ...trpc.scripts.approved.queryOptions(), staleTime: 60_000 });
  // The workspace's segment names (policy@1 `segments`), for a start node's `segment`.
  const policy = useQuery({ ...trpc.mot.policy.queryOptions(), staleTime: 60_000 });
  const segments = useMemo(() => policy.data && segmentNames(policy.data.document), [policy.data]);
  const diagnostics = useValidation(store, structureVersion, {
    flows: publishedFlows,
    scripts: approvedScripts.data,
    segments,
  });
  useEffect(() => decorations.setLayer("problem", problemLayer(diagnostics)), [diagnostics, decorations]);
  const errorCount = diagnostics.filter((d) => d.severity === "error").length;
  const displayEdges = useMemo(() => decorateEdges(edges, diagnostics, pathEdges), [edges, diagnostics, pathEdges]);

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

  const onPath = useCallback(
    (visited: string[], current: string | undefined) => {
      const layer = new Map<string, string>(visited.map((id) => [id, "visited"]));
      if (current) layer.set(current, "current");
      decorations.setLayer("simulation", layer);
      setPathEdges(pathEdgeIds(store.get().edges, visited));
    },
    [decorations, store],
  );

  // Stable callbacks: the panels are memoised and a drag re-renders this component on every frame.
  const currentDocument = useCallback(() => store.document(), [store]);
  const openCompare = useCallback((from: Comparison["from"], to: Comparison["to"]) => setCompare({ from, to }), []);
  const closeCompare = useCallback(() => setCompare(undefined), []);
  const { state: saveState, flush, rebase } = autosave;
  const onRestored = useCallback(
    (document: FlowDocument, nextRevision: string, version: number) => {
      store.replaceDocument(document);
      rebase(nextRevision, true);
      showToast(t("versions.restored", { version }));
    },
    [store, rebase, showToast, t],
  );
  const environment = useMemo(() => ({ decorations, resolveFlow, readOnly }), [decorations, resolveFlow, readOnly]);

  return (
    <CanvasContext.Provider value={environment}>
      <div className={styles.editor}>
        <EditorToolbar
          store={store}
          decorations={decorations}
          flowKey={flowKey}
          name={meta.name}
          documentKey={meta.key}
          initialLatestVersion={latestVersion}
          canUndo={state.canUndo}
          canRedo={state.canRedo}
          saveState={saveState}
          flush={flush}
          rebase={rebase}
          readOnly={readOnly}
          role={access.role}
          canPublish={access.publish}
          resolveFlow={resolveFlow}
          errorCount={errorCount}
          copy={copy}
          paste={paste}
          onMessage={showToast}
        />
        {readOnly ? <div aria-hidden="true" /> : <Palette onAdd={addNode} />}
        <div
          className={styles.canvas}
          onDragOver={(e) => e.preventDefault()}
          onDrop={onDrop}
          aria-label={t("editor.canvas")}
          role="application"
        >
          {/* The arrowhead every edge path ends with (canvas.module.css: marker-end), defined once. */}
          <svg className={styles.markerDefs} aria-hidden="true">
            <defs>
              <marker
                id="journey-edge-arrow"
                viewBox="0 0 10 10"
                refX="9"
                refY="5"
                markerWidth="7"
                markerHeight="7"
                orient="auto-start-reverse"
              >
                <path d="M0,0 L10,5 L0,10 z" fill="#67707f" />
              </marker>
            </defs>
          </svg>
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
              fitView={fitOnOpen && !huge}
              onlyRenderVisibleElements={huge}
              fitViewOptions={FIT_VIEW_OPTIONS}
              defaultViewport={openAt}
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
          {compare && <DiffOverlay from={compare.from} to={compare.to} onClose={closeCompare} />}
          <AnalyticsModeButton on={analytics} onToggle={() => setAnalytics((on) => !on)} />
          {analytics && (
            <AnalyticsOverlay
              flowKey={flowKey}
              document={store.document()}
              latestVersion={latestVersion}
              onClose={() => setAnalytics(false)}
            />
          )}
          {toast && (
            <div className={styles.toast} role="status" data-testid="toast">
              {toast}
            </div>
          )}
        </div>
        <ProblemsPanel diagnostics={diagnostics} onSelect={selectDiagnostic} />
        <EditorSidePanel
          tab={tab}
          onTab={setTab}
          store={store}
          diagnostics={diagnostics}
          readOnly={readOnly}
          flowKey={flowKey}
          resolveFlow={resolveFlow}
          currentDocument={currentDocument}
          onPath={onPath}
          onCompare={openCompare}
          onRestored={onRestored}
        />
      </div>
    </CanvasContext.Provider>
  );
}
