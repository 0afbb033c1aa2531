import { describe, expect, it } from "vitest";
import { validateFlow } from "./validateFlow";
import { baseFlow, edge, node } from "../testing/flowBuilder";
import type { FlowDocument } from "../schema/flowDocument";
import type { Diagnostic } from "../diagnostics";

const errors = (input: unknown, options = {}) =>
  validateFlow(input, options).diagnostics.filter((d) => d.severity === "error");
const codes = (list: Diagnostic[]) => list.map((d) => d.code);

describe("validateFlow", () => {
  it("accepts the base flow without findings", () => {
    expect(validateFlow(baseFlow()).diagnostics).toEqual([]);
  });

  it.each([
    ["a string", "hello"],
    ["null", null],
    ["an array", []],
    ["an object without schema", { key: "x" }],
    ["another schema version", { ...baseFlow(), schema: "journey-studio/flow@9" }],
  ])("rejects %s as not a flow document", (_, input) => {
    const found = errors(input);
    expect(found.length).toBeGreaterThan(0);
    expect(codes(found)).toContain("NOT_A_FLOW_DOCUMENT");
  });

  it("names the node whose shape is wrong", () => {
    const flow = baseFlow();
    const broken = { ...flow, nodes: [...flow.nodes, { id: "oops", type: "stage", data: {} }] };
    const found = errors(broken);
    expect(found[0]).toMatchObject({ code: "NOT_A_FLOW_DOCUMENT", nodeId: "oops" });
    expect(found[0]?.message).toContain('Node "oops" field "position" is missing');
  });

  it("rejects an unknown node type on that node", () => {
    const flow = baseFlow();
    flow.nodes.push(node("mystery", "teleport", {}));
    flow.edges.push(edge("e9", "greet", "mystery", { data: { event: "beam" } }));
    expect(errors(flow)).toContainEqual(expect.objectContaining({ code: "UNKNOWN_NODE_TYPE", nodeId: "mystery" }));
  });

  it("rejects invalid node data, naming the field", () => {
    const flow = baseFlow();
    flow.nodes[3] = node("token", "verify", { level: 7, methods: [] });
    const found = errors(flow).filter((d) => d.nodeId === "token");
    expect(codes(found)).toEqual(["INVALID_NODE_DATA", "INVALID_NODE_DATA"]);
    expect(found.map((d) => d.path)).toEqual(["data.level", "data.methods"]);
  });

  it("rejects duplicate node and edge ids", () => {
    const flow = baseFlow();
    flow.nodes.push(node("done", "end", { outcome: "resolved" }));
    flow.edges.push(edge("e1", "otp", "done", { sourceHandle: "verified" }));
    const found = errors(flow);
    expect(found).toContainEqual(expect.objectContaining({ code: "DUPLICATE_NODE_ID", nodeId: "done" }));
    expect(found).toContainEqual(expect.objectContaining({ code: "DUPLICATE_EDGE_ID", edgeId: "e1" }));
  });

  it("rejects edges to missing nodes and from outlets a node lacks", () => {
    const flow = baseFlow();
    flow.edges.push(edge("e9", "otp", "nowhere", { sourceHandle: "failed" }));
    flow.edges.push(edge("e10", "token", "done", { sourceHandle: "maybe" }));
    flow.edges.push(edge("e11", "ghost", "done"));
    const found = errors(flow);
    expect(found).toContainEqual(expect.objectContaining({ code: "EDGE_TARGET_MISSING", edgeId: "e9", nodeId: "otp" }));
    expect(found).toContainEqual(expect.objectContaining({ code: "UNKNOWN_OUTLET", edgeId: "e10", nodeId: "token" }));
    expect(found).toContainEqual(expect.objectContaining({ code: "EDGE_SOURCE_MISSING", edgeId: "e11" }));
    expect(found.find((d) => d.edgeId === "e10")?.message).toContain('"verified", "failed"');
  });

  it("rejects a flow with no start, and a second start", () => {
    const none = baseFlow();
    none.nodes = none.nodes.filter((n) => n.id !== "start");
    none.edges = none.edges.filter((e) => e.source !== "start");
    expect(codes(errors(none))).toContain("NO_START");

    const two = baseFlow();
    two.nodes.push(node("start2", "start", {}));
    two.edges.push(edge("e9", "start2", "greet"));
    expect(errors(two)).toContainEqual(expect.objectContaining({ code: "SEVERAL_STARTS", nodeId: "start2" }));
  });

  it("rejects nodes no path reaches", () => {
    const flow = baseFlow();
    flow.nodes.push(node("island", "stage", { stage: "dispute" }));
    flow.edges.push(edge("e9", "island", "done"));
    expect(errors(flow)).toContainEqual(expect.objectContaining({ code: "UNREACHABLE", nodeId: "island" }));
  });

  it("rejects a passing node with no way out, and a decision without else", () => {
    const flow = baseFlow();
    flow.edges = flow.edges.filter((e) => e.id !== "e4");
    expect(errors(flow)).toContainEqual(expect.objectContaining({ code: "DECISION_WITHOUT_ELSE", nodeId: "big" }));

    const stuck = baseFlow();
    stuck.nodes.push(node("note", "message", { script: "greeting", channel: "chat" }));
    stuck.edges.push(edge("e9", "otp", "note", { sourceHandle: "failed" }));
    stuck.edges = stuck.edges.filter((e) => e.id !== "e8");
    expect(errors(stuck)).toContainEqual(expect.objectContaining({ code: "NO_WAY_OUT", nodeId: "note" }));
  });

  it("rejects a loop of passing nodes, on each node of the loop", () => {
    const flow = baseFlow();
    flow.variables = { ...flow.variables, n: { type: "number", default: 0 } };
    flow.nodes.push(node("count", "set", { assign: { n: "n + 1" } }));
    flow.nodes.push(node("again", "decision", { rules: [{ when: "n < 3", handle: "loop" }] }));
    flow.edges = flow.edges.filter((e) => e.id !== "e4");
    flow.edges.push(edge("e4", "big", "count", { sourceHandle: "else" }));
    flow.edges.push(edge("e9", "count", "again"));
    flow.edges.push(edge("e10", "again", "count", { sourceHandle: "loop" }));
    flow.edges.push(edge("e11", "again", "otp", { sourceHandle: "else" }));
    const loops = errors(flow).filter((d) => d.code === "PASSING_LOOP");
    expect(loops.map((d) => d.nodeId).sort()).toEqual(["again", "count"]);
  });

  it("accepts a loop that passes through a waiting node", () => {
    const flow = baseFlow();
    flow.edges.push(edge("e9", "greet", "greet", { data: { event: "repeat" } }));
    expect(errors(flow)).toEqual([]);
  });

  it("rejects bad ISO 8601 durations", () => {
    const flow = baseFlow();
    flow.nodes.push(node("pause", "wait", { duration: "3 days" }));
    flow.edges.push(edge("e9", "greet", "pause", { data: { event: "hold" } }));
    flow.edges.push(edge("e10", "pause", "done"));
    const found = errors(flow).find((d) => d.nodeId === "pause");
    expect(found).toMatchObject({ code: "INVALID_NODE_DATA", path: "data.duration" });
    expect(found?.message).toContain("ISO 8601");
  });

  it("rejects expression syntax errors and undeclared variables, naming the rule", () => {
    const flow = baseFlow();
    flow.nodes[2] = node("big", "decision", { rules: [{ when: "amount >", handle: "high" }] });
    expect(errors(flow)).toContainEqual(
      expect.objectContaining({ code: "BAD_EXPRESSION", nodeId: "big", path: "data.rules.0.when" }),
    );

    const undeclared = baseFlow();
    undeclared.nodes[2] = node("big", "decision", {
      rules: [{ when: "balance > 5 and customer.tier == 'vip'", handle: "high" }],
    });
    const found = errors(undeclared);
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain('"balance"');
  });

  it("rejects set on undeclared variables and on the read-only profile", () => {
    const flow = baseFlow();
    flow.nodes.push(node("calc", "set", { assign: { total: "amount * 2", "customer.tier": "'vip'" } }));
    flow.edges = flow.edges.filter((e) => e.id !== "e4");
    flow.edges.push(edge("e4", "big", "calc", { sourceHandle: "else" }), edge("e9", "calc", "otp"));
    const found = errors(flow).filter((d) => d.nodeId === "calc");
    expect(found.map((d) => d.code)).toEqual(["UNDECLARED_VARIABLE", "UNDECLARED_VARIABLE"]);
    expect(found[1]?.message).toContain("read-only");
  });

  it("rejects an ask edge for a value the ask does not offer", () => {
    const flow = baseFlow();
    flow.nodes.push(node("q", "ask", { variable: "answer", options: [{ value: "yes" }, { value: "no" }] }));
    flow.edges = flow.edges.filter((e) => e.id !== "e4");
    flow.edges.push(edge("e4", "big", "q", { sourceHandle: "else" }));
    flow.edges.push(edge("e9", "q", "otp", { sourceHandle: "yes" }));
    flow.edges.push(edge("e10", "q", "done", { sourceHandle: "maybe" }));
    const found = errors(flow);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code: "UNKNOWN_OUTLET", nodeId: "q", edgeId: "e10" });
    expect(validateFlow(flow).diagnostics).toContainEqual(
      expect.objectContaining({ severity: "warning", code: "OUTLET_UNCONNECTED", nodeId: "q" }),
    );
  });

  it("requires a timeout edge exactly when a timeout is set", () => {
    const flow = baseFlow();
    flow.nodes.push(node("q", "ask", { variable: "answer", timeout: "PT5M" }));
    flow.edges = flow.edges.filter((e) => e.id !== "e4");
    flow.edges.push(edge("e4", "big", "q", { sourceHandle: "else" }), edge("e9", "q", "otp"));
    expect(errors(flow)).toContainEqual(expect.objectContaining({ code: "OUTLET_UNCONNECTED", nodeId: "q" }));
    const noTimer = structuredClone(flow);
    noTimer.nodes[noTimer.nodes.length - 1] = node("q", "ask", { variable: "answer" });
    noTimer.edges.push(edge("e10", "q", "failed", { sourceHandle: "timeout" }));
    expect(errors(noTimer)).toContainEqual(
      expect.objectContaining({ code: "UNKNOWN_OUTLET", nodeId: "q", edgeId: "e10" }),
    );
  });

  it("rejects subflow calls to flows the resolver cannot find, and cycles", () => {
    const flow = baseFlow();
    flow.nodes.push(node("call", "subflow", { flow: "warranty-check" }));
    flow.edges = flow.edges.filter((e) => e.id !== "e4");
    flow.edges.push(
      edge("e4", "big", "call", { sourceHandle: "else" }),
      edge("e9", "call", "otp", { sourceHandle: "else" }),
    );
    expect(errors(flow)).toEqual([]); // without a resolver the call cannot be checked
    expect(errors(flow, { resolveFlow: () => undefined })).toContainEqual(
      expect.objectContaining({ code: "SUBFLOW_NOT_FOUND", nodeId: "call" }),
    );

    const self = validateFlow(flow).document as FlowDocument;
    const resolveFlow = (key: string) => (key === "warranty-check" ? { ...self, key: "warranty-check" } : undefined);
    expect(errors(flow, { resolveFlow })).toContainEqual(
      expect.objectContaining({ code: "SUBFLOW_CYCLE", nodeId: "call" }),
    );
  });

  it("rejects a default of the wrong type", () => {
    const flow = baseFlow();
    flow.variables = { ...flow.variables, amount: { type: "number", default: "lots" } };
    expect(codes(errors(flow))).toEqual(["BAD_DEFAULT"]);
  });

  it("rejects two stage edges on the same event", () => {
    const flow = baseFlow();
    flow.edges.push(edge("e9", "greet", "done", { data: { event: "customer.identified" } }));
    expect(errors(flow)).toContainEqual(
      expect.objectContaining({ code: "DUPLICATE_EVENT_EDGE", edgeId: "e9", nodeId: "greet" }),
    );
  });
});

describe("start triggers", () => {
  const withTrigger = (trigger: Record<string, unknown>) => {
    const flow = baseFlow();
    flow.nodes[0] = node("start", "start", { trigger });
    return flow;
  };
  it("accepts a valid cron in a time zone and a customer date", () => {
    expect(
      validateFlow(withTrigger({ type: "schedule", cron: "0 9 * * 1-5", timezone: "Asia/Shanghai" })).diagnostics,
    ).toEqual([]);
    expect(
      validateFlow(withTrigger({ type: "date", field: "customer.birthday", at: "09:00", timezone: "Europe/London" }))
        .diagnostics,
    ).toEqual([]);
  });
  it("rejects a bad cron, an unknown time zone and a date field that is nowhere, on the start node", () => {
    expect(validateFlow(withTrigger({ type: "schedule", cron: "61 * * * *" })).diagnostics).toEqual([
      expect.objectContaining({ code: "BAD_CRON", nodeId: "start" }),
    ]);
    expect(
      validateFlow(withTrigger({ type: "schedule", cron: "0 9 * * *", timezone: "Mars/Olympus" })).diagnostics,
    ).toEqual([expect.objectContaining({ code: "BAD_TIMEZONE", nodeId: "start" })]);
    expect(validateFlow(withTrigger({ type: "date", field: "birthday" })).diagnostics).toEqual([
      expect.objectContaining({ code: "BAD_DATE_FIELD", nodeId: "start" }),
    ]);
  });
});
