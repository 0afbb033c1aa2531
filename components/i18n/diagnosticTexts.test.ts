import { describe, expect, it } from "vitest";
import { validateFlow } from "../../flows/validate/validateFlow";
import { compileFlow } from "../../flows/compile/compileFlow";
import { baseFlow, edge, node } from "../../flows/testing/flowBuilder";
import type { ScriptDocument } from "../../flows/scripts/scriptDocument";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { diagnosticText, wordedDiagnosticCodes } from "./diagnosticTexts";

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

describe("expression findings in Chinese", () => {
  const example = () => {
    const flow = baseFlow();
    flow.variables = { amount: { type: "number" } };
    flow.nodes.push(
      node("rules", "decision", {
        rules: [
          { when: "amount > ", handle: "high" },
          { when: "(amount > 5", handle: "paren" },
          { when: "amout > 5", handle: "typo" },
          { when: "shout(amount)", handle: "call" },
          { when: "amount > 'x", handle: "quote" },
        ],
      }),
      node("assign", "set", { assign: { amount: "amount +* 2" } }),
    );
    return flow;
  };
  const findings = validateFlow(example()).diagnostics.filter((d) => d.code === "BAD_EXPRESSION");

  it("words each problem of an expression, syntax errors included, with the expression as it was written", () => {
    expect(findings.map((d) => d.params?.problem)).toEqual([
      "syntax",
      "syntax",
      "unknown-variable",
      "unknown-function",
      "syntax",
      "syntax",
    ]);
    const zh = findings.map((d) => diagnosticText(d, "zh"));
    expect(zh).toEqual([
      "判断“rules”的第 1 条规则（high）：“amount > ”在第 10 个字符处有语法错误：“>”后面缺少表达式。",
      "判断“rules”的第 2 条规则（paren）：“(amount > 5”在第 12 个字符处有语法错误：“(”没有闭合。",
      "判断“rules”的第 3 条规则（typo）：“amout > 5”读取了“amout”，它不是本流程的变量（请在“变量”中声明，或用 customer.amout 读取客户资料）。",
      expect.stringMatching(
        /^判断“rules”的第 4 条规则（call）：“shout\(amount\)”调用了 shout，它不是表达式函数（可用：.+）。$/,
      ),
      "判断“rules”的第 5 条规则（quote）：“amount > 'x”在第 12 个字符处有语法错误：引号没有闭合（在“x”之后）。",
      expect.stringMatching(/^赋值“assign”：amount = “amount \+\* 2”在第 \d+ 个字符处有语法错误：/),
    ]);
    for (const text of zh) expect(text).not.toMatch(/Expected|Unexpected|Unclosed|\{\w+\}/);
    for (const finding of findings) expect(diagnosticText(finding, "en")).toBe(finding.message);
  });

  it("words an audience's problem too", () => {
    const flow = baseFlow();
    flow.nodes = flow.nodes.map((n) =>
      n.type === "start" ? { ...n, data: { ...n.data, audience: "customer.tier ==" } } : n,
    );
    const audience = validateFlow(flow).diagnostics.find((d) => d.code === "BAD_AUDIENCE");
    expect(audience && diagnosticText(audience, "zh")).toMatch(
      /^开始节点“.+”的受众条件“customer\.tier ==”在第 \d+ 个字符处有语法错误：/,
    );
  });
});

/** Every finding code the flow language emits (`errorAt("CODE"` / `warningAt("CODE"` in flows/). */
function emittedCodes(): string[] {
  const root = join(import.meta.dirname, "..", "..", "flows");
  const codes = new Set<string>();
  for (const file of readdirSync(root, { recursive: true, encoding: "utf8" })) {
    if (!file.endsWith(".ts") || file.endsWith(".test.ts") || file.includes("testing")) continue;
    for (const match of readFileSync(join(root, file), "utf8").matchAll(/(?:errorAt|warningAt)\(\s*"([A-Z_]+)"/g))
      codes.add(match[1]!);
  }
  return [...codes].sort();
}

/** Codes still shown in the validator's English in the zh studio: to be worded (and their params added). */
const notYetWorded = new Set<string>([]);

describe("graph findings in Chinese", () => {
  it("words edges into the start, to nowhere, doubled, on ignored events, and a second start", () => {
    const flow = baseFlow();
    flow.nodes.push(
      node("start2", "start", { trigger: { type: "api" } }),
      node("fix", "set", { assign: { "customer.tier": "'vip'" } }),
    );
    flow.edges.push(
      edge("back", "greet", "start", { data: { event: "again" } }),
      edge("lost", "start2", "nowhere"),
      edge("twice", "start", "greet"),
      edge("loud", "start2", "greet", { data: { event: "ping" } }),
    );
    const findings = validateFlow(flow).diagnostics;
    const zh = (code: string) => findings.filter((d) => d.code === code).map((d) => diagnosticText(d, "zh"));
    expect(zh("EDGE_INTO_START")).toEqual(["连线“back”连回了开始节点“start”：任何连线都不能回到开始节点。"]);
    expect(zh("EDGE_TARGET_MISSING")).toEqual(["连线“lost”从“start2”连到节点“nowhere”，但该节点不存在。"]);
    expect(zh("DUPLICATE_OUTLET_EDGE")).toEqual(["节点“start”的“out”出口有两条连线：只能走其中一条。"]);
    expect(zh("EVENT_IGNORED")).toEqual(["连线“loud”写了事件“ping”，但节点“start2”不按事件选择连线，会忽略它。"]);
    expect(zh("SEVERAL_STARTS")).toEqual(["开始节点“start2”是第二个开始节点：一个流程只能有一个（第一个是“start”）。"]);
    expect(zh("UNDECLARED_VARIABLE")).toContain("赋值“fix”写入了“customer.tier”，但客户资料在流程中是只读的。");
  });
});

describe("more findings in Chinese", () => {
  it("words channels, defaults, waits, subflows, duplicate edges and unknown types, every placeholder filled", () => {
    const flow = baseFlow();
    flow.variables = { due: { type: "number", default: "soon" } };
    flow.nodes.push(
      node("mail", "message", { script: "greeting", channel: "email" }),
      node("pause", "wait", { until: "due" }),
      node("pause2", "wait", { until: "never" }),
      node("call", "subflow", { flow: "no-such-flow" }),
      node("odd", "teleport", {}),
    );
    flow.edges.push(edge("e1", "mail", "pause"));
    const findings = validateFlow(flow, { resolveFlow: () => undefined }).diagnostics;
    const zh = (code: string) => findings.filter((d) => d.code === code).map((d) => diagnosticText(d, "zh"));
    expect(zh("CHANNEL_NOT_IN_FLOW")).toEqual(["消息“mail”用了渠道email，但它不在本流程的渠道（chat, voice）中。"]);
    expect(zh("BAD_DEFAULT")).toEqual(['变量“due”的类型是 number，但它的默认值 "soon" 不是。']);
    expect(zh("BAD_WAIT_UNTIL").sort()).toEqual([
      "等待“pause2”等到“never”，但它不是本流程的变量。",
      "等待“pause”等到“due”，它是 number 类型的变量；必须是日期或日期时间。",
    ]);
    expect(zh("SUBFLOW_NOT_FOUND")).toEqual(["子流程“call”调用的流程“no-such-flow”找不到。"]);
    expect(zh("DUPLICATE_EDGE_ID")).toEqual(["有两条连线的标识都是“e1”：每条连线需要唯一的标识。"]);
    expect(zh("UNKNOWN_NODE_TYPE")[0]).toMatch(/^节点“odd”的类型“teleport”不是已知的节点类型（已知：start, /);
    for (const finding of findings.filter((d) => d.params)) {
      const text = diagnosticText(finding, "zh");
      expect(text, finding.code).not.toMatch(/\{\w+\}/);
      expect(text, finding.code).toMatch(/\p{Script=Han}/u);
    }
  });
});

describe("the codes worded in Chinese", () => {
  it("covers every code the validator emits, but those listed as not yet worded; the list stays true", () => {
    const worded = wordedDiagnosticCodes("zh");
    const codes = emittedCodes();
    expect(codes.length).toBeGreaterThan(30);
    expect(codes.filter((code) => !worded.has(code) && !notYetWorded.has(code))).toEqual([]);
    expect([...notYetWorded].filter((code) => worded.has(code) || !codes.includes(code))).toEqual([]);
  });
});

describe("document, node data, schedule and subflow findings in Chinese", () => {
  const zhAll = (findings: { code: string }[], code: string) =>
    (findings as Parameters<typeof diagnosticText>[0][])
      .filter((d) => d.code === code)
      .map((d) => diagnosticText(d, "zh"));

  it("words a node whose data does not parse, a bad cron and a subflow that has errors", () => {
    const flow = baseFlow();
    flow.nodes = flow.nodes.map((n) =>
      n.type === "start" ? { ...n, data: { trigger: { type: "schedule", cron: "every monday" } } } : n,
    );
    flow.nodes.push(node("pick", "decision", {}));
    const findings = validateFlow(flow).diagnostics;
    expect(zhAll(findings, "BAD_CRON")).toEqual([
      "开始节点“start”：定时规则“every monday”不是有效的 cron 表达式（五段：分 时 日 月 周，例如 0 9 * * 1）。",
    ]);
    expect(zhAll(findings, "INVALID_NODE_DATA")).toEqual(["节点“pick”的字段“rules”缺失（必填）。"]);
    // The language's own refinements too: a wait of more than ten years, a wait for nothing.
    const waits = baseFlow();
    waits.nodes.push(node("long", "wait", { duration: "P20Y" }), node("idle", "wait", {}));
    expect(zhAll(validateFlow(waits).diagnostics, "INVALID_NODE_DATA").sort()).toEqual([
      "节点“idle”的配置必须且只能设置时长、截止时间或事件中的一项。",
      "节点“long”的字段“duration”超过了 10 年。",
    ]);
    // The example that calls the warranty check, given a warranty check with a node of no known type.
    const load = (name: string) =>
      JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "flows", "examples", `${name}.json`), "utf8"));
    const warranty = load("warranty-check");
    warranty.nodes.push({ id: "odd", type: "teleport", position: { x: 0, y: 0 }, data: {} });
    const compiled = compileFlow(load("fault-diagnosis"), {
      resolveFlow: (key) => (key === "warranty-check" ? warranty : undefined),
    });
    expect(compiled.ok).toBe(false);
    const call = compiled.diagnostics.find((d) => d.code === "SUBFLOW_INVALID");
    expect(call && diagnosticText(call, "zh")).toBe(
      `子流程“${call?.nodeId}”调用的流程“warranty-check”有错误：请先修正并发布该流程。`,
    );
  });

  it("words a value that is no flow document, an unknown schema version and a document's wrong fields", () => {
    const zh = (input: unknown) => zhAll(validateFlow(input).diagnostics, "NOT_A_FLOW_DOCUMENT");
    expect(zh([1, 2])).toEqual(["这不是流程文档：应为一个 JSON 对象。"]);
    expect(zh({ nodes: [] })).toEqual(["这不是流程文档：“schema”必须是“journey-studio/flow@1”。"]);
    expect(zh({ ...baseFlow(), schema: "journey-studio/flow@9" })).toEqual([
      "文档的 schema 是“journey-studio/flow@9”，本版本无法读取（应为“journey-studio/flow@1”）。",
    ]);
    const flow = baseFlow() as unknown as Record<string, unknown>;
    const nodes = (flow.nodes as Record<string, unknown>[]).map((n, i) =>
      i === 1 ? { ...n, position: undefined } : n,
    );
    const edges = (flow.edges as Record<string, unknown>[]).map((e, i) => (i === 0 ? { ...e, target: undefined } : e));
    const texts = zh({ ...flow, name: "", kind: "faq", nodes, edges });
    expect(texts).toContain("字段“name”不能为空。");
    expect(texts).toContain('字段“kind”的取值不对：只能是 "sop", "mot" 之一。');
    expect(texts).toContain(`节点“${String(nodes[1]!.id)}”的字段“position”缺失（必填）。`);
    expect(texts).toContain(`连线“${String(edges[0]!.id)}”的字段“target”缺失（必填）。`);
    for (const text of texts) expect(text).not.toMatch(/\{\w+\}|must|missing|empty/);
  });
});
