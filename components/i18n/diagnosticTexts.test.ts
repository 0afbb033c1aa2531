import { describe, expect, it } from "vitest";
import { validateFlow } from "../../flows/validate/validateFlow";
import { baseFlow, edge, node } from "../../flows/testing/flowBuilder";
import type { ScriptDocument } from "../../flows/scripts/scriptDocument";
import { diagnosticText } from "./diagnosticTexts";

const greeting: ScriptDocument = {
  schema: "journey-studio/script@1",
  key: "greeting",
  name: "Greeting",
  variants: [{ channel: "chat", text: "Hi" }],
};

/** A flow with many kinds of finding at once: unreachable, no way out, missing else, unknown script, … */
function brokenFlow() {
  const flow = baseFlow();
  flow.nodes.push(
    node("island", "stage", { stage: "probing" }),
    node("ask", "ask", { variable: "nowhere" }),
    node("ask", "end", { outcome: "x" }),
  );
  flow.edges = flow.edges.filter((e) => e.id !== "e4" && e.id !== "e8");
  flow.edges.push(edge("e9", "greet", "ask", { data: { event: "asked" } }));
  return flow;
}

describe("validator findings in Chinese", () => {
  const findings = validateFlow(brokenFlow(), {
    resolveScript: (key) => (key === "greeting" ? greeting : undefined),
  }).diagnostics;

  it("words every finding that carries params, filling every placeholder", () => {
    const worded = findings.filter((d) => d.params);
    expect(new Set(worded.map((d) => d.code))).toEqual(
      new Set([
        "UNREACHABLE",
        "NO_WAY_OUT",
        "DECISION_WITHOUT_ELSE",
        "OUTLET_UNCONNECTED",
        "SCRIPT_CHANNEL_FALLBACK",
        "UNDECLARED_VARIABLE",
        "DUPLICATE_NODE_ID",
      ]),
    );
    for (const finding of worded) {
      const text = diagnosticText(finding, "zh");
      expect(text, finding.code).not.toBe(finding.message);
      expect(text, finding.code).not.toMatch(/\{\w+\}/);
      expect(text, finding.code).toMatch(/[\u4e00-\u9fff]/);
      for (const value of Object.values(finding.params ?? {}).filter(
        (v) => !["stage", "verify", "decision", "ask", "end"].includes(v),
      ))
        expect(text, finding.code).toContain(value);
    }
  });

  it("shows channels through the label it is given, and English as the validator words it", () => {
    const fallback = findings.find((d) => d.code === "SCRIPT_CHANNEL_FALLBACK");
    expect(fallback?.params).toEqual({ node: "greet", script: "greeting", channel: "voice", fallback: "chat" });
    expect(diagnosticText(fallback!, "zh", (v) => `<${v}>`)).toBe(
      "节点“greet”的话术“greeting”没有<voice>版本，<voice>将使用<chat>的措辞。",
    );
    for (const finding of findings) expect(diagnosticText(finding, "en")).toBe(finding.message);
  });

  it("keeps the validator's words for a finding without params", () => {
    const finding = { code: "BAD_CRON", severity: "error" as const, message: "Start: bad cron." };
    expect(diagnosticText(finding, "zh")).toBe("Start: bad cron.");
  });
});
