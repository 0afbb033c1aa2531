import fc from "fast-check";
import type { FlowDocumentInput } from "../schema/flowDocument";
import { edge, node } from "./flowBuilder";

type NodeInput = FlowDocumentInput["nodes"][number];
type EdgeInput = NonNullable<FlowDocumentInput["edges"]>[number];

/** The building blocks a random flow is made of; `choose` is an ask followed by a decision on its answer. */
const blockKinds = [
  "stage",
  "choose",
  "wait",
  "waitEvent",
  "verify",
  "message",
  "set",
  "survey",
  "handoff",
  "end",
] as const;
type BlockKind = (typeof blockKinds)[number];

type Block = { kind: BlockKind; pick: number[]; back: number | null; handles: number };

const blockArbitrary: fc.Arbitrary<Block> = fc.record({
  kind: fc.constantFrom(...blockKinds),
  pick: fc.array(fc.nat(1000), { minLength: 4, maxLength: 4 }),
  back: fc.option(fc.nat(1000), { nil: null }),
  handles: fc.integer({ min: 1, max: 3 }),
});

/**
 * Random valid flow documents: a chain of blocks (so every node is reachable) whose other outlets
 * jump forward or to an end, plus loops back that always pass through a waiting node.
 */
export const arbitraryValidFlow: fc.Arbitrary<FlowDocumentInput> = fc
  .array(blockArbitrary, { minLength: 1, maxLength: 25 })
  .map(buildFlow);

export function buildFlow(blocks: Block[]): FlowDocumentInput {
  const nodes: NodeInput[] = [node("start", "start", { trigger: { type: "api" } })];
  const edges: EdgeInput[] = [];
  const entries: Array<{ id: string; index: number }> = [];
  const waiting: string[] = [];
  type Open = { source: string; handle?: string; event?: string; index: number; pick: number };
  const optional: Open[] = [];
  let chain: Open = { source: "start", index: -1, pick: 0 };
  const connect = (open: Pick<Open, "source" | "handle" | "event">, target: string) => {
    edges.push(
      edge(`e${edges.length}`, open.source, target, {
        ...(open.handle ? { sourceHandle: open.handle } : {}),
        ...(open.event ? { data: { event: open.event } } : {}),
      }),
    );
  };

  blocks.forEach((block, index) => {
    const id = `n${index}`;
    const y = (index + 1) * 100;
    if (block.kind === "end") {
      const open = optional.shift();
      if (open) {
        nodes.push(node(id, "end", { outcome: `o${(block.pick[0] ?? 0) % 3}` }, y));
        connect(open, id);
      }
      return;
    }
    const outs: Array<{ handle?: string; event?: string }> = [];
    let entry = id;
    switch (block.kind) {
      case "stage":
        nodes.push(node(id, "stage", { stage: "probing" }, y));
        outs.push({ event: "next" }, { event: "other" });
        break;
      case "choose": {
        const handles = Array.from({ length: block.handles }, (_, h) => `h${h}`);
        entry = `${id}q`;
        nodes.push(node(entry, "ask", { variable: "choice" }, y));
        nodes.push(
          node(id, "decision", { rules: handles.map((handle) => ({ when: `choice == "${handle}"`, handle })) }, y + 50),
        );
        connect({ source: entry }, id);
        outs.push({ handle: "else" }, ...handles.map((handle) => ({ handle })));
        break;
      }
      case "wait":
        nodes.push(node(id, "wait", { duration: "P1D" }, y));
        outs.push({});
        break;
      case "waitEvent":
        nodes.push(node(id, "wait", { event: "customer.replied", timeout: "PT2H" }, y));
        outs.push({}, { handle: "timeout" });
        break;
      case "verify":
        nodes.push(node(id, "verify", { level: 1, methods: ["otp"] }, y));
        outs.push({ handle: "verified" }, { handle: "failed" });
        break;
      case "message":
        nodes.push(node(id, "message", { script: "greeting", channel: "chat" }, y));
        outs.push({});
        break;
      case "set":
        nodes.push(node(id, "set", { assign: { count: "count + 1" } }, y));
        outs.push({});
        break;
      case "survey":
        nodes.push(node(id, "survey", { metric: "csat", script: "csat", timeout: "P1D", variable: "score" }, y));
        outs.push({}, { handle: "timeout" });
        break;
      case "handoff":
        nodes.push(node(id, "handoff", { channel: "voice", queue: "care" }, y));
        outs.push({});
        break;
    }
    if (!["message", "set", "handoff"].includes(block.kind)) waiting.push(entry);
    connect(chain, entry);
    entries.push({ id: entry, index });
    const [first, ...rest] = outs;
    chain = { source: id, ...first, index, pick: 0 };
    rest.forEach((out, o) => optional.push({ source: id, ...out, index, pick: block.pick[o % 4] ?? 0 }));
    if (block.kind === "stage" && block.back !== null)
      connect({ source: id, event: "back" }, waiting[block.back % waiting.length] ?? id);
  });

  nodes.push(node("finish", "end", { outcome: "resolved" }, (blocks.length + 2) * 100));
  connect(chain, "finish");
  for (const open of optional) {
    const later = entries.filter((entry) => entry.index > open.index);
    connect(
      open,
      later.length > 0 && open.pick % 3 !== 0 ? (later[open.pick % later.length]?.id ?? "finish") : "finish",
    );
  }

  return {
    schema: "journey-studio/flow@1",
    key: "random-flow",
    name: "Random flow",
    kind: "sop",
    channels: ["chat", "voice"],
    variables: {
      choice: { type: "string", default: "" },
      count: { type: "number", default: 0 },
      score: { type: "number" },
    },
    nodes,
    edges,
  };
}

/** A deterministic mix of every kind of block, grown until the flow has about `size` nodes (benchmarks). */
export function generatedFlowOfSize(size: number): FlowDocumentInput {
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const blocks: Block[] = [];
  let estimate = 2;
  while (estimate < size) {
    const kind = blockKinds[Math.floor(random() * blockKinds.length)] ?? "stage";
    blocks.push({
      kind,
      pick: [1, 2, 3, 4].map(() => Math.floor(random() * 1000)),
      back: random() < 0.2 ? Math.floor(random() * 1000) : null,
      handles: 1 + Math.floor(random() * 3),
    });
    estimate += kind === "choose" ? 2 : 1;
  }
  return buildFlow(blocks);
}
