import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { validateFlow } from "./validateFlow";
import { compileFlow } from "../compile/compileFlow";
import { arbitraryValidFlow } from "../testing/arbitraryFlow";
import type { FlowDocumentInput } from "../schema/flowDocument";

type Mutation = (flow: FlowDocumentInput, pick: number) => unknown;

/** Each mutation is certain to break a valid flow. */
const mutations: Record<string, Mutation> = {
  unknownType: (flow, pick) => withNode(flow, pick, (node) => ({ ...node, type: `x-${node.type}` })),
  dataWithoutRequiredFields: (flow, pick) =>
    withNode(flow, pick, (node) =>
      node.type === "start" ? { ...node, type: "end", data: {} } : { ...node, data: { junk: pick } },
    ),
  duplicateNodeId: (flow, pick) => ({ ...flow, nodes: [...flow.nodes, flow.nodes[pick % flow.nodes.length]] }),
  edgeToNowhere: (flow) => ({
    ...flow,
    edges: [...(flow.edges ?? []), { id: "bad", source: "start", target: "nowhere" }],
  }),
  noStart: (flow) => ({ ...flow, nodes: flow.nodes.filter((node) => node.type !== "start") }),
  secondStart: (flow) => ({
    ...flow,
    nodes: [...flow.nodes, { id: "again", type: "start", position: { x: 0, y: 0 }, data: {} }],
  }),
  notAnArray: (flow) => ({ ...flow, nodes: "many" }),
  wrongSchema: (flow) => ({ ...flow, schema: "journey-studio/flow@0" }),
  danglingNode: (flow, pick) => ({
    ...flow,
    nodes: [
      ...flow.nodes,
      { id: `island${pick}`, type: "stage", position: { x: 0, y: 0 }, data: { stage: "dispute" } },
    ],
  }),
};

function withNode(
  flow: FlowDocumentInput,
  pick: number,
  change: (node: FlowDocumentInput["nodes"][number]) => unknown,
): unknown {
  const index = pick % flow.nodes.length;
  return { ...flow, nodes: flow.nodes.map((node, i) => (i === index ? change(node) : node)) };
}

describe("invalid documents", () => {
  it("random JSON values yield diagnostics, never exceptions", () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const { diagnostics } = validateFlow(value);
        expect(diagnostics.some((d) => d.severity === "error")).toBe(true);
        expect(compileFlow(value).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it("every broken mutation of a valid flow yields an error, never an exception", () => {
    fc.assert(
      fc.property(arbitraryValidFlow, fc.constantFrom(...Object.keys(mutations)), fc.nat(), (flow, name, pick) => {
        const broken = mutations[name]!(flow, pick);
        const { diagnostics } = validateFlow(broken);
        expect(diagnostics.filter((d) => d.severity === "error").length).toBeGreaterThan(0);
        expect(compileFlow(broken).ok).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it("random changes to node data and edges never throw", () => {
    fc.assert(
      fc.property(arbitraryValidFlow, fc.nat(), fc.anything(), fc.option(fc.string()), (flow, pick, data, handle) => {
        const changed = withNode(flow, pick, (node) => ({ ...node, data }));
        const edges = (flow.edges ?? []).map((edge, i) =>
          i === pick % Math.max(1, flow.edges?.length ?? 1) ? { ...edge, sourceHandle: handle } : edge,
        );
        expect(() => validateFlow({ ...(changed as object), edges })).not.toThrow();
        expect(() => compileFlow({ ...(changed as object), edges })).not.toThrow();
      }),
      { numRuns: 400 },
    );
  });
});
