import { describe, expect, it } from "vitest";
import { canConnect } from "./canConnect";
import { decorateEdges, pathEdgeIds, problemLayer } from "./decorateEdges";
import { findNodes } from "./findNodes";

const nodes = [
  { id: "start", type: "start", position: { x: 0, y: 0 }, data: {} },
  { id: "greet", type: "stage", position: { x: 0, y: 100 }, data: { stage: "opening", script: "greeting" } },
  {
    id: "big",
    type: "decision",
    position: { x: 0, y: 200 },
    data: { label: "Big amount?", rules: [{ when: "amount > 1", handle: "high" }] },
  },
  { id: "done", type: "end", position: { x: 0, y: 300 }, data: { outcome: "resolved" } },
];
const edges = [
  { id: "e1", source: "start", target: "greet" },
  { id: "e2", source: "greet", target: "big" },
  { id: "e3", source: "big", sourceHandle: "high", target: "done" },
];

describe("findNodes", () => {
  it("matches id, type, label, script, outcome and stage, in any case", () => {
    expect(findNodes(nodes, "BIG").map((n) => n.id)).toEqual(["big"]);
    expect(findNodes(nodes, "decision").map((n) => n.id)).toEqual(["big"]);
    expect(findNodes(nodes, "amount?").map((n) => n.id)).toEqual(["big"]);
    expect(findNodes(nodes, "greeting").map((n) => n.id)).toEqual(["greet"]);
    expect(findNodes(nodes, " resolved ").map((n) => n.id)).toEqual(["done"]);
    expect(findNodes(nodes, "opening").map((n) => n.id)).toEqual(["greet"]);
  });

  it("finds nothing for a blank query or a miss", () => {
    expect(findNodes(nodes, "  ")).toEqual([]);
    expect(findNodes(nodes, "nowhere")).toEqual([]);
  });
});

describe("canConnect", () => {
  it("refuses self-loops, edges into start and outlets a node lacks", () => {
    expect(canConnect(nodes, edges, { source: "done", target: "done" })).toBe(false);
    expect(canConnect(nodes, edges, { source: "big", target: "start", sourceHandle: "else" })).toBe(false);
    expect(canConnect(nodes, edges, { source: "big", target: "done", sourceHandle: "low" })).toBe(false);
    expect(canConnect(nodes, edges, { source: "missing", target: "done" })).toBe(false);
  });

  it("allows one edge per outlet, any number from a node whose edges are chosen by event", () => {
    expect(canConnect(nodes, edges, { source: "big", target: "done", sourceHandle: "high" })).toBe(false);
    expect(canConnect(nodes, edges, { source: "big", target: "done", sourceHandle: "else" })).toBe(true);
    expect(canConnect(nodes, edges, { source: "start", target: "big" })).toBe(false);
    expect(canConnect(nodes, edges, { source: "greet", target: "done" })).toBe(true);
  });
});

describe("decorateEdges, problemLayer, pathEdgeIds", () => {
  it("returns the same array when nothing is marked", () => {
    expect(decorateEdges(edges, [], new Set())).toBe(edges);
  });

  it("marks edges with problems over edges on the path", () => {
    const decorated = decorateEdges(edges, [{ edgeId: "e3" }, {}], new Set(["e1", "e3"]));
    expect(decorated[0]).toEqual({ ...edges[0], className: "onPath", animated: true });
    expect(decorated[1]).toBe(edges[1]);
    expect(decorated[2]).toEqual({ ...edges[2], className: "edgeError" });
  });

  it("keeps a node's worst severity", () => {
    const layer = problemLayer([
      { nodeId: "big", severity: "warning" },
      { nodeId: "big", severity: "error" },
      { nodeId: "big", severity: "warning" },
      { nodeId: "done", severity: "warning" },
      { severity: "error" },
    ]);
    expect([...layer]).toEqual([
      ["big", "error"],
      ["done", "warning"],
    ]);
  });

  it("finds the edges between consecutive visited nodes", () => {
    expect([...pathEdgeIds(edges, ["start", "greet", "done"])]).toEqual(["e1"]);
    expect([...pathEdgeIds(edges, ["start", "greet", "big", "done"])]).toEqual(["e1", "e2", "e3"]);
    expect([...pathEdgeIds(edges, ["start"])]).toEqual([]);
  });
});
