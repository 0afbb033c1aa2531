import type { z } from "zod";
import type { Diagnostic } from "../diagnostics";
import { errorAt } from "../diagnostics";
import type { FlowDocument, FlowResolver } from "../schema/flowDocument";
import type { AnalysedNode } from "../nodes/nodeType";
import { parseFlowDocument } from "../schema/parseFlowDocument";
import { nodeDefinition, nodeTypes } from "../nodes/registry";
import { checkGraph } from "./checkGraph";
import { checkRawKeys } from "./checkRawKeys";
import { checkVariables } from "./checkVariables";
import { checkSubflowCycles } from "./checkSubflowCycles";
import { checkScripts, type ScriptResolver } from "./checkScripts";
import { describeIssue, issueParams } from "./describeIssue";
import { FLOW_SCHEMA } from "../schema/flowDocument";

export type { AnalysedNode } from "../nodes/nodeType";

export type FlowAnalysis = {
  /** The document as parsed, when it is a flow document at all (possibly with node-level errors). */
  document?: FlowDocument;
  diagnostics: Diagnostic[];
  /** Nodes of a known type whose data parsed, by id (the first node of each id). */
  nodes: Map<string, AnalysedNode>;
};

export type AnalyseOptions = {
  resolveFlow?: FlowResolver;
  /** When given, nodes' `script` keys are checked: the script exists and speaks each channel (checkScripts). */
  resolveScript?: ScriptResolver;
  /** When given, the workspace's segment names (policy@1 `segments`): a start's `segment` must name one. */
  segments?: readonly string[];
};

/** Runs every check of the language over an unknown value; never throws. */
export function analyseFlow(input: unknown, options: AnalyseOptions = {}): FlowAnalysis {
  const nodes = new Map<string, AnalysedNode>();
  const parsed = parseFlowDocument(input);
  if (!parsed.ok && parsed.reason === "migration")
    return {
      diagnostics: [errorAt("NOT_A_FLOW_DOCUMENT", `This ${parsed.message}.`, { params: migrationParams(input) })],
      nodes,
    };
  const rawKeys = checkRawKeys(input);
  if (!parsed.ok) return { diagnostics: [...rawKeys, ...documentIssues(parsed.issues, parsed.input)], nodes };
  const document = parsed.document;
  const diagnostics: Diagnostic[] = [...rawKeys];

  const seenNodes = new Set<string>();
  for (const node of document.nodes) {
    if (seenNodes.has(node.id)) {
      diagnostics.push(
        errorAt("DUPLICATE_NODE_ID", `Two nodes have the id "${node.id}"; each node needs its own id.`, {
          nodeId: node.id,
          params: { node: node.id },
        }),
      );
      continue;
    }
    seenNodes.add(node.id);
    const definition = nodeDefinition(node.type);
    if (!definition) {
      diagnostics.push(
        errorAt(
          "UNKNOWN_NODE_TYPE",
          `Node "${node.id}" has type "${node.type}", which is not a node type (known: ${nodeTypes.join(", ")}).`,
          { nodeId: node.id, path: "type", params: { node: node.id, type: node.type, known: nodeTypes.join(", ") } },
        ),
      );
      continue;
    }
    const analysed = definition.analyse(node);
    if (!analysed.ok) {
      for (const issue of analysed.error.issues) {
        const field = issue.path.length > 0 ? issue.path.join(".") : "data";
        diagnostics.push(
          errorAt(
            "INVALID_NODE_DATA",
            `${definition.label} "${node.id}": ${field === "data" ? "its data" : field} ${describeIssue(issue)}.`,
            {
              nodeId: node.id,
              path: `data${issue.path.length ? "." + issue.path.join(".") : ""}`,
              params: {
                node: node.id,
                ...(field === "data" ? { in: "data" } : { in: "field", field }),
                ...issueParams(issue),
              },
            },
          ),
        );
      }
      continue;
    }
    nodes.set(node.id, analysed.node);
  }

  const seenEdges = new Set<string>();
  for (const edge of document.edges) {
    if (seenEdges.has(edge.id))
      diagnostics.push(
        errorAt("DUPLICATE_EDGE_ID", `Two edges have the id "${edge.id}"; each edge needs its own id.`, {
          edgeId: edge.id,
          params: { edge: edge.id },
        }),
      );
    seenEdges.add(edge.id);
  }

  diagnostics.push(...checkVariables(document));
  diagnostics.push(...checkGraph(document, nodes, options));

  const declaredVariables = new Set(Object.keys(document.variables));
  const segments = options.segments && new Set(options.segments);
  for (const analysed of nodes.values())
    diagnostics.push(
      ...analysed.check({
        document,
        declaredVariables,
        resolveFlow: options.resolveFlow,
        ...(segments ? { segments } : {}),
      }),
    );
  if (options.resolveFlow) diagnostics.push(...checkSubflowCycles(document, options.resolveFlow));
  if (options.resolveScript) diagnostics.push(...checkScripts(document, nodes, options.resolveScript));

  return { document, diagnostics, nodes };
}

function documentIssues(issues: readonly z.core.$ZodIssue[], raw: unknown): Diagnostic[] {
  return issues.map((issue) => {
    const [collection, index, ...rest] = issue.path;
    const where: { nodeId?: string; edgeId?: string; path: string } = { path: issue.path.join(".") };
    let subject = issue.path.length > 0 ? `"${issue.path.join(".")}"` : "The document";
    // Where, as params: the document, one of its fields, or a node's or an edge's (field).
    let params: Record<string, string> =
      issue.path.length > 0 ? { in: "field", field: issue.path.join(".") } : { in: "document" };
    if ((collection === "nodes" || collection === "edges") && typeof index === "number") {
      const item = elementAt(raw, collection, index);
      const id = item && typeof item.id === "string" && item.id !== "" ? item.id : undefined;
      const noun = collection === "nodes" ? "Node" : "Edge";
      if (id !== undefined) {
        if (collection === "nodes") where.nodeId = id;
        else where.edgeId = id;
      }
      const field = rest.length > 0 ? ` field "${rest.join(".")}"` : "";
      subject = `${noun} ${id !== undefined ? `"${id}"` : `#${index + 1}`}${field}`;
      const which = collection === "nodes" ? "node" : "edge";
      params = {
        in: rest.length > 0 ? `${which}-field` : which,
        [which]: id ?? `#${index + 1}`,
        ...(rest.length > 0 ? { field: rest.join(".") } : {}),
      };
    }
    return errorAt("NOT_A_FLOW_DOCUMENT", `${subject} ${describeIssue(issue)}.`, {
      ...where,
      params: { ...params, ...issueParams(issue) },
    });
  });
}

/** Why a value is no flow document this build reads (documentFormat's `migrate`), as params. */
function migrationParams(input: unknown): Record<string, string> {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return { in: "not-object" };
  const schema = (input as { schema?: unknown }).schema;
  if (typeof schema !== "string") return { in: "no-schema", expected: FLOW_SCHEMA };
  return { in: "version", version: schema, expected: FLOW_SCHEMA };
}

function elementAt(raw: unknown, collection: string, index: number): Record<string, unknown> | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const list = (raw as Record<string, unknown>)[collection];
  if (!Array.isArray(list)) return undefined;
  const item: unknown = list[index];
  return typeof item === "object" && item !== null ? (item as Record<string, unknown>) : undefined;
}
