import type { Diagnostic } from "../diagnostics";
import { errorAt, warningAt } from "../diagnostics";
import type { FlowDocument } from "../schema/flowDocument";
import { DEFAULT_OUTLET } from "../nodes/nodeType";
import { ELSE_OUTLET } from "../nodes/decision";
import type { AnalyseOptions, AnalysedNode } from "./analyseFlow";
import { outletOf } from "./outgoingEdges";
import { findPassingLoops } from "./findPassingLoops";

/** Structure: one start, edges between real nodes and outlets, a way out everywhere, no dead nodes. */
export function checkGraph(
  document: FlowDocument,
  nodes: Map<string, AnalysedNode>,
  options: AnalyseOptions,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const ids = new Set(document.nodes.map((node) => node.id));

  const starts = document.nodes.filter((node) => node.type === "start");
  if (starts.length === 0)
    diagnostics.push(
      errorAt("NO_START", "The flow has no start node; add one where the journey begins.", { params: {} }),
    );
  for (const extra of starts.slice(1)) {
    diagnostics.push(
      errorAt(
        "SEVERAL_STARTS",
        `Start "${extra.id}" is a second start node; a flow has exactly one (the first is "${starts[0]?.id}").`,
        { nodeId: extra.id, params: { node: extra.id, first: starts[0]?.id ?? "" } },
      ),
    );
  }

  const connected = new Map<string, Set<string>>();
  const usedEvents = new Map<string, Set<string>>();
  const validEdges: Array<{ source: string; target: string }> = [];
  for (const edge of document.edges) {
    const where = { edgeId: edge.id, nodeId: edge.source };
    if (!ids.has(edge.source)) {
      diagnostics.push(
        errorAt("EDGE_SOURCE_MISSING", `Edge "${edge.id}" leaves node "${edge.source}", which does not exist.`, {
          edgeId: edge.id,
          params: { edge: edge.id, source: edge.source },
        }),
      );
      continue;
    }
    if (!ids.has(edge.target)) {
      diagnostics.push(
        errorAt(
          "EDGE_TARGET_MISSING",
          `Edge "${edge.id}" from "${edge.source}" goes to node "${edge.target}", which does not exist.`,
          { ...where, params: { edge: edge.id, source: edge.source, target: edge.target } },
        ),
      );
      continue;
    }
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    if (target?.definition.type === "start") {
      diagnostics.push(
        errorAt(
          "EDGE_INTO_START",
          `Edge "${edge.id}" goes into the start node "${edge.target}"; nothing may lead back to the start.`,
          { ...where, params: { edge: edge.id, target: edge.target } },
        ),
      );
      continue;
    }
    if (!source) continue;
    const handle = outletOf(edge.sourceHandle);
    const label = source.definition.label;
    if (source.definition.edgesByEvent) {
      if (handle !== DEFAULT_OUTLET) {
        diagnostics.push(
          errorAt(
            "UNKNOWN_OUTLET",
            `Edge "${edge.id}" leaves ${label} "${edge.source}" from outlet "${handle}"; a stage's edges are chosen by their event, not by outlet.`,
            { ...where, params: { in: "stage", edge: edge.id, node: edge.source, outlet: handle } },
          ),
        );
        continue;
      }
      const event = edge.data?.event ?? "next";
      const events = usedEvents.get(edge.source) ?? new Set<string>();
      if (events.has(event)) {
        diagnostics.push(
          errorAt(
            "DUPLICATE_EVENT_EDGE",
            `${label} "${edge.source}" has two edges on the event "${event}"; only one can be taken.`,
            { ...where, params: { node: edge.source, event } },
          ),
        );
        continue;
      }
      events.add(event);
      usedEvents.set(edge.source, events);
    } else {
      const outlets = source.outlets({ resolveFlow: options.resolveFlow });
      if (outlets !== undefined && !outlets.includes(handle)) {
        diagnostics.push(
          errorAt("UNKNOWN_OUTLET", describeUnknownOutlet(edge.id, label, edge.source, handle, outlets), {
            ...where,
            params: {
              edge: edge.id,
              node: edge.source,
              outlet: handle === DEFAULT_OUTLET ? "out" : handle,
              outlets: outlets.map((o) => (o === DEFAULT_OUTLET ? "out" : o)).join(", "),
            },
          }),
        );
        continue;
      }
      if (edge.data?.event !== undefined) {
        diagnostics.push(
          warningAt(
            "EVENT_IGNORED",
            `Edge "${edge.id}" names the event "${edge.data.event}", but ${label} "${edge.source}" ignores edge events.`,
            { ...where, params: { edge: edge.id, node: edge.source, event: edge.data.event } },
          ),
        );
      }
      const handles = connected.get(edge.source) ?? new Set<string>();
      if (handles.has(handle)) {
        diagnostics.push(
          errorAt(
            "DUPLICATE_OUTLET_EDGE",
            `${label} "${edge.source}" has two edges from outlet "${handle === DEFAULT_OUTLET ? "out" : handle}"; only one can be followed.`,
            { ...where, params: { node: edge.source, outlet: handle === DEFAULT_OUTLET ? "out" : handle } },
          ),
        );
        continue;
      }
      handles.add(handle);
      connected.set(edge.source, handles);
    }
    validEdges.push({ source: edge.source, target: edge.target });
  }

  for (const analysed of nodes.values()) {
    const { node, definition } = analysed;
    const handles = connected.get(node.id) ?? new Set<string>();
    const hasWayOut = handles.size > 0 || (usedEvents.get(node.id)?.size ?? 0) > 0;
    if (definition.behaviour !== "final" && !hasWayOut) {
      diagnostics.push(
        errorAt(
          "NO_WAY_OUT",
          `${definition.label} "${node.id}" has no way out: connect it to the next step (or end the journey with an End node).`,
          { nodeId: node.id, params: { node: node.id, type: node.type } },
        ),
      );
      continue;
    }
    for (const required of analysed.requiredOutlets()) {
      if (handles.has(required)) continue;
      if (definition.type === "decision" && required === ELSE_OUTLET) {
        diagnostics.push(
          errorAt(
            "DECISION_WITHOUT_ELSE",
            `Decision "${node.id}" has no "else" edge: when no rule holds the journey would stop here.`,
            { nodeId: node.id, params: { node: node.id } },
          ),
        );
      } else {
        diagnostics.push(
          errorAt(
            "OUTLET_UNCONNECTED",
            `${definition.label} "${node.id}" has nothing connected to its "${required}" outlet.`,
            { nodeId: node.id, params: { node: node.id, type: node.type, outlet: required } },
          ),
        );
      }
    }
    if (definition.type !== "decision" && !definition.edgesByEvent) {
      const outlets = analysed.outlets({ resolveFlow: options.resolveFlow }) ?? [];
      const required = new Set(analysed.requiredOutlets());
      for (const outlet of outlets) {
        if (handles.has(outlet) || required.has(outlet)) continue;
        if (definition.type === "subflow") {
          // The called flow has already ended when its outcome is read: an unconnected outcome would strand the caller.
          if (!handles.has(ELSE_OUTLET)) {
            diagnostics.push(
              errorAt(
                "OUTLET_UNCONNECTED",
                `Subflow "${node.id}": nothing is connected to its "${outlet}" outlet; connect it or connect "else", or the journey would stop when the called flow ends that way.`,
                { nodeId: node.id, params: { in: "subflow", node: node.id, outlet } },
              ),
            );
          }
          continue;
        }
        diagnostics.push(
          warningAt(
            "OUTLET_UNCONNECTED",
            `${definition.label} "${node.id}": nothing is connected to its "${outlet}" outlet, so that case will be refused.`,
            { nodeId: node.id, params: { node: node.id, type: node.type, outlet } },
          ),
        );
      }
    }
  }

  const start = starts[0];
  if (start) {
    const reached = reachableFrom(start.id, validEdges);
    for (const node of document.nodes) {
      if (!reached.has(node.id)) {
        diagnostics.push(
          errorAt("UNREACHABLE", `Node "${node.id}" cannot be reached from the start; connect it or remove it.`, {
            nodeId: node.id,
            params: { node: node.id },
          }),
        );
      }
    }
  }

  const passing = new Set([...nodes.values()].filter((n) => n.definition.behaviour === "passes").map((n) => n.node.id));
  for (const loop of findPassingLoops(passing, validEdges)) {
    for (const nodeId of loop) {
      diagnostics.push(
        errorAt(
          "PASSING_LOOP",
          `Node "${nodeId}" is on a loop with no waiting step (${loop.join(" → ")} → ${loop[0]}); it would spin forever. Add an Ask, Wait or Stage to the loop.`,
          {
            nodeId,
            params: { node: nodeId, loop: `${loop.join(" → ")} → ${loop[0]}` },
          },
        ),
      );
    }
  }
  return diagnostics;
}

function describeUnknownOutlet(
  edgeId: string,
  label: string,
  source: string,
  handle: string,
  outlets: string[],
): string {
  const shown = handle === DEFAULT_OUTLET ? "its default outlet" : `outlet "${handle}"`;
  const known =
    outlets.length === 0
      ? "it has no outlets"
      : `its outlets are ${outlets.map((o) => (o === DEFAULT_OUTLET ? "the default (no handle)" : `"${o}"`)).join(", ")}`;
  return `Edge "${edgeId}" leaves ${label} "${source}" from ${shown}, which it does not have; ${known}.`;
}

function reachableFrom(start: string, edges: Array<{ source: string; target: string }>): Set<string> {
  const next = new Map<string, string[]>();
  for (const { source, target } of edges) next.set(source, [...(next.get(source) ?? []), target]);
  const reached = new Set([start]);
  const queue = [start];
  while (queue.length > 0) {
    const id = queue.pop();
    if (id === undefined) break;
    for (const target of next.get(id) ?? []) {
      if (!reached.has(target)) {
        reached.add(target);
        queue.push(target);
      }
    }
  }
  return reached;
}
