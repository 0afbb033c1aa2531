import type { FlowDocumentInput } from "../schema/flowDocument";

type NodeInput = FlowDocumentInput["nodes"][number];
type EdgeInput = NonNullable<FlowDocumentInput["edges"]>[number];

/** A small valid SOP flow to mutate in tests: start → greet (stage) → big? → verify → done. */
export function baseFlow(): FlowDocumentInput & { nodes: NodeInput[]; edges: EdgeInput[] } {
  return {
    schema: "journey-studio/flow@1",
    key: "test-flow",
    name: "Test flow",
    kind: "sop",
    channels: ["chat", "voice"],
    variables: {
      amount: { type: "number", default: 0 },
      hasToken: { type: "boolean", default: false },
      answer: { type: "string" },
    },
    nodes: [
      node("start", "start", { trigger: { type: "api" } }),
      node("greet", "stage", { stage: "opening", script: "greeting", mot: true }),
      node("big", "decision", { rules: [{ when: "amount > 50000", handle: "high" }] }),
      node("token", "verify", { level: 2, methods: ["token"] }),
      node("otp", "verify", { level: 1, methods: ["otp"] }),
      node("done", "end", { outcome: "resolved" }),
      node("failed", "end", { outcome: "escalated" }),
    ],
    edges: [
      edge("e1", "start", "greet"),
      edge("e2", "greet", "big", { data: { event: "customer.identified" } }),
      edge("e3", "big", "token", { sourceHandle: "high" }),
      edge("e4", "big", "otp", { sourceHandle: "else" }),
      edge("e5", "token", "done", { sourceHandle: "verified" }),
      edge("e6", "token", "failed", { sourceHandle: "failed" }),
      edge("e7", "otp", "done", { sourceHandle: "verified" }),
      edge("e8", "otp", "failed", { sourceHandle: "failed" }),
    ],
  };
}

export function node(id: string, type: string, data: Record<string, unknown>, y = 0): NodeInput {
  return { id, type, position: { x: 0, y }, data };
}

export function edge(id: string, source: string, target: string, extra: Partial<EdgeInput> = {}): EdgeInput {
  return { id, source, target, ...extra };
}
