import { describe, expect, it } from "vitest";
import { parseFlowDocumentOrThrow } from "../../flows";
import { generatedFlowOfSize } from "../../flows/testing/arbitraryFlow";
import { EditorStore } from "./editorStore";
import { estimatedBox, hasEstimate, HUGE_FLOW } from "./largeFlow";

const flowOf = (size: number) => parseFlowDocumentOrThrow({ ...generatedFlowOfSize(size), key: "f", name: "F" });
const measure = (store: EditorStore, id: string, width = 180, height = 86) =>
  store.onNodesChange([{ id, type: "dimensions", dimensions: { width, height } }]);

describe("a huge flow's nodes before they are drawn", () => {
  it("carry an estimated box with a handle per outlet, with the ids edges leave from", () => {
    const store = new EditorStore(flowOf(HUGE_FLOW));
    const { nodes, edges } = store.get();
    expect(nodes.every(hasEstimate)).toBe(true);
    const byId = new Map(nodes.map((n) => [n.id, n]));
    for (const edge of edges) {
      const source = byId.get(edge.source)?.handles?.filter((h) => h.type === "source") ?? [];
      expect(source.some((h) => (h.id ?? null) === (edge.sourceHandle ?? null))).toBe(true);
      expect(byId.get(edge.target)?.handles?.some((h) => h.type === "target")).toBe(true);
    }
    const start = nodes.find((n) => n.type === "start");
    expect(start?.handles?.some((h) => h.type === "target")).toBe(false);
  });

  it("spread the outlets along the bottom as the node shell does", () => {
    const box = estimatedBox({ type: "decision" }, ["a", "b", "else"]);
    const sources = box.handles.filter((h) => h.type === "source");
    expect(sources.map((h) => h.id)).toEqual(["a", "b", "else"]);
    const xs = sources.map((h) => h.x);
    expect([...xs].sort((x, y) => x - y)).toEqual(xs);
    expect(new Set(sources.map((h) => h.y)).size).toBe(1);
    expect(estimatedBox({ type: "message" }, ["out"]).handles.map((h) => [h.type, h.id ?? null])).toEqual([
      ["target", null],
      ["source", null],
    ]);
  });

  it("leave smaller flows as they are: React Flow draws and measures every node", () => {
    expect(new EditorStore(flowOf(50)).get().nodes.some(hasEstimate)).toBe(false);
  });

  it("lose the estimate once measured, and keep the measurement through undo and a replaced document", () => {
    const store = new EditorStore(flowOf(HUGE_FLOW));
    const [first, second] = store.get().nodes;
    if (!first || !second) throw new Error("no nodes");
    store.beginDrag(); // an undo step taken while neither node is measured yet
    measure(store, first.id);
    const measured = store.get().nodes.find((n) => n.id === first.id);
    expect(measured && hasEstimate(measured)).toBe(false);
    expect(measured?.measured).toEqual({ width: 180, height: 86 });
    expect(store.get().nodes.filter(hasEstimate).length).toBe(HUGE_FLOW - 1);

    store.onNodesChange([{ id: first.id, type: "position", position: { x: 5, y: 5 } }]);
    store.undo();
    const back = store.get().nodes.find((n) => n.id === first.id);
    expect(back && hasEstimate(back)).toBe(false);
    expect(back?.measured).toEqual({ width: 180, height: 86 });
    const untouched = store.get().nodes.find((n) => n.id === second.id);
    expect(untouched && hasEstimate(untouched)).toBe(true);

    store.replaceDocument(store.document());
    const replaced = store.get().nodes.find((n) => n.id === first.id);
    expect(replaced && hasEstimate(replaced)).toBe(false);
    expect(replaced?.measured).toEqual({ width: 180, height: 86 });
    expect(store.document().nodes.every((n) => Object.keys(n).sort().join() === "data,id,position,type")).toBe(true);
  });
});
