import { describe, expect, it } from "vitest";
import example from "../examples/card-transfer-stepup.json";
import { parseFlowDocumentOrThrow } from "../schema/parseFlowDocument";
import { validateFlow } from "../validate/validateFlow";
import { nodeTypes } from "../nodes/registry";
import { defaultNodeData, freeNodeId } from "./defaultNodeData";
import { fromReactFlow, splitDocument, toReactFlow } from "./canvasDocument";
import { isValidOutlet, nodeOutlets } from "./nodeOutlets";
import { diffFlows, diffGraph } from "./diffFlows";
import { layoutFlow } from "./layoutFlow";
import { dataFieldsFor, withField } from "./dataFields";

const document = parseFlowDocumentOrThrow(example);

describe("toReactFlow / fromReactFlow", () => {
  it("round-trips a flow document, dropping what React Flow adds", () => {
    const { meta } = splitDocument(document);
    const canvas = toReactFlow(document);
    const decorated = canvas.nodes.map((n) => ({
      ...n,
      selected: true,
      measured: { width: 200, height: 80 },
      dragging: false,
    }));
    const edges = canvas.edges.map((e) => ({ ...e, selected: false, animated: true }));
    expect(fromReactFlow(meta, decorated, edges)).toEqual(document);
  });

  it("labels stage edges with their event", () => {
    const edge = toReactFlow(document).edges.find((e) => e.id === "e2");
    expect(edge?.label).toBe("customer.identified");
  });
});

describe("nodeOutlets", () => {
  it("gives each node type's outlets from its data", () => {
    expect(nodeOutlets("decision", { rules: [{ when: "amount > 1", handle: "high" }] })).toEqual({
      byEvent: false,
      outlets: ["high", "else"],
    });
    expect(nodeOutlets("verify", { level: 1, methods: ["otp"] }).outlets).toEqual(["verified", "failed"]);
    expect(nodeOutlets("stage", { stage: "opening" }).byEvent).toBe(true);
    expect(nodeOutlets("end", { outcome: "resolved" }).outlets).toEqual([]);
    expect(nodeOutlets("ask", { variable: "x", options: [{ value: "yes" }], timeout: "PT5M" }).outlets).toEqual([
      "yes",
      "timeout",
    ]);
  });

  it("refuses connections from outlets a node lacks", () => {
    expect(isValidOutlet("verify", { level: 1, methods: ["otp"] }, "verified")).toBe(true);
    expect(isValidOutlet("verify", { level: 1, methods: ["otp"] }, "timeout")).toBe(false);
    expect(isValidOutlet("message", { script: "s", channel: "sms" }, null)).toBe(true);
    expect(isValidOutlet("end", { outcome: "resolved" }, null)).toBe(false);
  });
});

describe("defaultNodeData", () => {
  it("gives every registered type data (and ids that do not collide)", () => {
    for (const type of nodeTypes) expect(typeof defaultNodeData(type)).toBe("object");
    expect(freeNodeId("verify", new Set(["verify", "verify2"]))).toBe("verify3");
  });

  it("leaves what the designer must fill for the validator to ask for", () => {
    const doc = {
      ...document,
      nodes: [{ id: "m", type: "message", position: { x: 0, y: 0 }, data: defaultNodeData("message") }],
      edges: [],
    };
    const { diagnostics } = validateFlow(doc);
    expect(diagnostics.some((d) => d.nodeId === "m" && d.severity === "error")).toBe(true);
  });
});

describe("diffFlows", () => {
  it("finds added, removed, changed and moved nodes", () => {
    const after = {
      ...document,
      nodes: [
        ...document.nodes
          .filter((n) => n.id !== "dispute")
          .map((n) =>
            n.id === "verifyOtp"
              ? { ...n, data: { level: 2, methods: ["otp"] } }
              : n.id === "start"
                ? { ...n, position: { x: 5, y: 5 } }
                : n,
          ),
        { id: "extra", type: "end", position: { x: 0, y: 0 }, data: { outcome: "x" } },
      ],
    };
    const diff = diffFlows(document, after);
    expect(diff.nodes.get("dispute")).toBe("removed");
    expect(diff.nodes.get("extra")).toBe("added");
    expect(diff.nodes.get("verifyOtp")).toBe("changed");
    expect(diff.nodes.get("start")).toBe("moved");
    expect(diff.nodes.get("opening")).toBe("same");
    expect(diffGraph(document, after).nodes.map((n) => n.id)).toContain("dispute");
  });
});

describe("layoutFlow", () => {
  it("places every node, start above its successors", async () => {
    const positions = await layoutFlow(document.nodes, document.edges);
    expect(positions.size).toBe(document.nodes.length);
    expect(positions.get("start")!.y).toBeLessThan(positions.get("opening")!.y);
    expect(positions.get("opening")!.y).toBeLessThan(positions.get("endResolved")!.y);
  });
});

describe("dataFieldsFor", () => {
  it("derives the inspector's fields from the node schemas", () => {
    expect(dataFieldsFor("verify").map((f) => f.kind)).toEqual(["number", "multiSelect", "number", "text"]);
    const trigger = dataFieldsFor("start")[0];
    expect(trigger?.kind === "variant" && trigger.variants.map((v) => v.value)).toEqual([
      "api",
      "event",
      "schedule",
      "date",
    ]);
    expect(dataFieldsFor("decision")[0]).toMatchObject({
      kind: "list",
      itemFields: [{ name: "when" }, { name: "handle" }],
    });
    for (const type of nodeTypes) expect(dataFieldsFor(type).length).toBeGreaterThan(0);
    expect(withField({ a: 1, b: 2 }, "a", undefined)).toEqual({ b: 2 });
  });
});
