import { describe, expect, it } from "vitest";
import { analyseFlow } from "../validate/analyseFlow";
import { compileFlow } from "../compile/compileFlow";
import { FlowSimulation } from "../simulate/flowSimulation";
import type { FlowDocument } from "../schema/flowDocument";
import { largeConnectFlow, largeTwilioFlow } from "../testing/largeSourceFlows";
import { convertFlow } from "./convertFlow";

/** Drives a flow to its end: answers `answer`, takes events whose name holds `prefer`, else the first accepted. */
function drive(flow: FlowDocument, answer: string, prefer: string) {
  const compiled = compileFlow(flow);
  if (!compiled.ok) throw new Error(compiled.diagnostics[0]?.message);
  const simulation = new FlowSimulation(compiled.machine, compiled.document);
  for (let i = 0; i < 20_000 && simulation.status !== "completed" && simulation.status !== "failed"; i++) {
    const accepts = simulation.step?.accepts ?? [];
    if (accepts.includes("answer")) simulation.send({ type: "answer", data: { value: answer } });
    else if (accepts.length > 0)
      simulation.send({ type: accepts.find((e) => e.includes(prefer)) ?? accepts[0] ?? "next" });
    else simulation.advanceToNextTimer();
  }
  return simulation;
}

describe("large flows at the products' limits", () => {
  it("2,000 Twilio widgets: every widget reported, valid, compiled, simulated end to end on two branches", () => {
    const source = largeTwilioFlow(2000);
    expect(source.states).toHaveLength(2000);
    const result = convertFlow(source, { name: "twilio-2000" });
    if (!result.ok) throw new Error(result.message);
    expect(result.report).toHaveLength(2000);
    expect(result.stats.states).toBe(2000);
    expect(analyseFlow(result.flow).diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    // Each of the 222 blocks: its gather asks, its split decides, its send-and-wait adds an ask.
    expect(result.flow.nodes.filter((n) => n.type === "ask")).toHaveLength(222 * 2);
    expect(result.flow.nodes.filter((n) => n.type === "decision").length).toBeGreaterThanOrEqual(222);
    expect(result.scripts).toHaveLength(222 * 4 + (2000 - 1 - 222 * 9));
    expect(result.report.filter((r) => !r.converted).map((r) => r.type)).toEqual(
      expect.arrayContaining(["make-http-request", "run-function"]),
    );

    const one = drive(result.flow, "1", "success");
    expect(one.status).toBe("completed");
    expect(one.context.vars.count).toBe(222);
    const visited = new Set(one.steps.map((s) => s.node));
    for (const i of [0, 100, 221])
      for (const n of [`g${i}`, `s${i}`, `v${i}`, `p${i}`, `m${i}`, `w${i}`, `f${i}`]) expect(visited).toContain(n);

    const two = drive(result.flow, "2", "success");
    expect(two.status).toBe("completed");
    expect(new Set(two.steps.map((s) => s.node))).toContain("h221");
  });

  it("250 Connect actions in Content: every action reported, valid, compiled, simulated end to end", () => {
    const source = largeConnectFlow(250);
    expect((JSON.parse(source.ContactFlow.Content) as { Actions: unknown[] }).Actions).toHaveLength(250);
    const result = convertFlow(source, {});
    if (!result.ok) throw new Error(result.message);
    expect(result.flow.name).toBe("Generated 250 actions");
    expect(result.report).toHaveLength(250);
    expect(analyseFlow(result.flow).diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const one = drive(result.flow, "1", "success");
    expect(one.status).toBe("completed");
    expect(one.outcome).toBe("resolved");
    const visited = new Set(one.steps.map((s) => s.node));
    for (const i of [0, 12, 23])
      for (const n of [`menu-${i}`, `set-${i}`, `say-${i}`, `check-${i}`, `wait-${i}`, `loop-${i}`])
        expect(visited).toContain(n);
    const two = drive(result.flow, "2", "success");
    expect(new Set(two.steps.map((s) => s.node))).toContain("lambda-23");
    expect(two.status).toBe("completed");
  });
});
