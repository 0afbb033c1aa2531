import { describe, expect, it } from "vitest";
import { compileFlow } from "../compile/compileFlow";
import { createFlowMachine } from "../compile/createFlowMachine";
import type { FlowEvent, FlowInput, FlowMachine } from "../compile/createFlowMachine";
import type { FlowEffect } from "../compile/flowEffect";
import { nodeRegistry, nodeTypes } from "../nodes/registry";
import type { NodeType } from "../nodes/registry";
import { parseFlowDocumentOrThrow } from "../schema/parseFlowDocument";
import { baseFlow, edge, node } from "../testing/flowBuilder";
import type { FlowDocumentInput } from "../schema/flowDocument";
import type { EffectPlan } from "./planEffects";
import { planEffects } from "./planEffects";
import { startFlow, transitionFlow } from "./transitionFlow";
import type { FlowSnapshot } from "./transitionFlow";

const CLOCK = Date.UTC(2026, 0, 5, 9, 0, 0);
const MINUTE = 60_000;

type NodeInput = FlowDocumentInput["nodes"][number];
type EdgeInput = NonNullable<FlowDocumentInput["edges"]>[number];

/** A flow start → …nodes → ends, channels chat and voice, with the variables the cases use. */
function flow(nodes: NodeInput[], edges: EdgeInput[], key = "planned"): FlowDocumentInput {
  return {
    ...baseFlow(),
    key,
    variables: {
      answer: { type: "string" },
      amount: { type: "number", default: 0 },
      followUp: { type: "date" },
      score: { type: "number" },
    },
    nodes: [node("start", "start", { trigger: { type: "api" } }), ...nodes],
    edges,
  };
}

/** Compiles, starts and steps a flow, planning each step's effects on a clock that moves a minute per event. */
class Run {
  readonly machine: FlowMachine;
  readonly document: FlowDocumentInput;
  private snapshot: FlowSnapshot;
  private clock = CLOCK;
  readonly plans: EffectPlan[] = [];
  readonly effects: FlowEffect[][] = [];

  constructor(document: FlowDocumentInput, input: FlowInput = {}, resolve: { [key: string]: FlowDocumentInput } = {}) {
    this.document = document;
    const compiled = compileFlow(document, {
      resolveFlow: (key) => (resolve[key] ? parseFlowDocumentOrThrow(resolve[key]) : undefined),
    });
    if (!compiled.ok) throw new Error(compiled.diagnostics.map((d) => d.message).join("\n"));
    this.machine = createFlowMachine(compiled.machine);
    const started = startFlow(this.machine, input);
    this.snapshot = started.snapshot;
    this.plan(started.effects);
  }

  get started(): EffectPlan {
    const first = this.plans[0];
    if (!first) throw new Error("not started");
    return first;
  }

  send(event: FlowEvent, options: { fromClock?: boolean } = {}): EffectPlan {
    this.clock += MINUTE;
    const result = transitionFlow(this.machine, this.snapshot, event, options);
    if (!result.accepted) throw new Error(result.message);
    this.snapshot = result.snapshot;
    return this.plan(result.effects);
  }

  private plan(effects: FlowEffect[]): EffectPlan {
    const plan = planEffects({
      effects,
      clock: this.clock,
      context: this.snapshot.context,
      flowChannels: ["chat", "voice"],
    });
    this.effects.push(effects);
    this.plans.push(plan);
    return plan;
  }
}

const nothingElse = {
  left: expect.any(Array),
  timers: [],
  cancel: [],
  messages: [],
  questions: [],
  handoffs: [],
  verifications: [],
};
const entered = (plan: EffectPlan) => plan.entered.map((e) => `${e.path}:${e.type}:${e.status}`);
/** Each node left in the step, by which outlet; `^` marks one entered before the step. */
const left = (plan: EffectPlan) => plan.left.map((l) => `${l.entry === null ? "^" : ""}${l.path}>${l.outlet}`);

/**
 * One case per node type, typed over the registry: a new node type without its planner case fails
 * to compile. Each drives the type through the compiler, XState and the planner and checks the plan.
 */
const cases: { [Type in NodeType]: () => Run } = {
  start: () => {
    const run = new Run(flow([node("done", "end", { outcome: "resolved" })], [edge("e1", "start", "done")]));
    expect(run.started).toEqual({
      ...nothingElse,
      entered: [
        { node: "start", path: "start", type: "start", status: "passing" },
        { node: "done", path: "done", type: "end", status: "completed" },
      ],
    });
    return run;
  },
  stage: () => {
    const run = new Run(
      flow(
        [
          node("greet", "stage", { stage: "opening", script: "greeting" }),
          node("done", "end", { outcome: "resolved" }),
        ],
        [edge("e1", "start", "greet"), edge("e2", "greet", "done")],
      ),
    );
    expect(run.started).toEqual({
      ...nothingElse,
      entered: [
        { node: "start", path: "start", type: "start", status: "passing" },
        { node: "greet", path: "greet", type: "stage", status: "active", script: "greeting" },
      ],
    });
    const next = run.send({ type: "next" });
    expect(entered(next)).toEqual(["done:end:completed"]);
    // A stage is left by the event its edge waits for.
    expect(left(next)).toEqual(["^greet>next"]);
    return run;
  },
  message: () => {
    const document = flow(
      [
        node("hello", "message", { script: "hello", channel: "preferred", fallback: ["sms"] }),
        node("fixed", "message", { script: "receipt", channel: "email" }),
        node("done", "end", { outcome: "resolved" }),
      ],
      [edge("e1", "start", "hello"), edge("e2", "hello", "fixed"), edge("e3", "fixed", "done")],
    );
    // The customer's preferred channel when the flow has it, else the first fallback; a named channel as it is.
    const preferred = new Run(document, { customer: { preferredChannel: "voice" } });
    expect(preferred.started).toEqual({
      ...nothingElse,
      entered: expect.any(Array),
      messages: [
        { entry: 1, kind: "message", node: "hello", script: "hello", channel: "voice", fallback: ["sms", "chat"] },
        { entry: 2, kind: "message", node: "fixed", script: "receipt", channel: "email", fallback: [] },
      ],
    });
    expect(entered(preferred.started)).toEqual([
      "start:start:passing",
      "hello:message:passing",
      "fixed:message:passing",
      "done:end:completed",
    ]);
    const fallback = new Run(document, { customer: { preferredChannel: "wechat" } });
    expect(fallback.started.messages[0]?.channel).toBe("sms");
    return preferred;
  },
  ask: () => {
    const run = new Run(
      flow(
        [
          node("q", "ask", { variable: "answer", script: "whichCard", timeout: "PT10M" }),
          node("done", "end", { outcome: "resolved" }),
          node("late", "end", { outcome: "abandoned" }),
        ],
        [edge("e1", "start", "q"), edge("e2", "q", "done"), edge("e3", "q", "late", { sourceHandle: "timeout" })],
      ),
    );
    expect(run.started).toEqual({
      ...nothingElse,
      entered: expect.any(Array),
      questions: [{ entry: 1, node: "q", script: "whichCard" }],
      timers: [{ key: "q", dueAt: CLOCK + 10 * MINUTE }],
      cancel: ["q"],
    });
    expect(run.send({ type: "answer", data: { value: "debit" } })).toEqual({
      ...nothingElse,
      left: [{ entry: null, path: "q", outlet: "out" }],
      entered: [{ node: "done", path: "done", type: "end", status: "completed" }],
      cancel: ["q"],
    });
    return run;
  },
  decision: () => {
    const run = new Run(
      flow(
        [
          node("big", "decision", { rules: [{ when: "amount > 10", handle: "high" }] }),
          node("high", "end", { outcome: "escalated" }),
          node("low", "end", { outcome: "resolved" }),
        ],
        [
          edge("e1", "start", "big"),
          edge("e2", "big", "high", { sourceHandle: "high" }),
          edge("e3", "big", "low", { sourceHandle: "else" }),
        ],
      ),
      { vars: { amount: 50 } },
    );
    expect(run.started).toEqual({ ...nothingElse, entered: expect.any(Array) });
    expect(entered(run.started)).toEqual(["start:start:passing", "big:decision:passing", "high:end:completed"]);
    expect(run.started.left).toEqual([
      { entry: 0, path: "start", outlet: "out" },
      { entry: 1, path: "big", outlet: "high" },
    ]);
    expect(left(new Run(run.document, { vars: { amount: 1 } }).started)).toEqual(["start>out", "big>else"]);
    return run;
  },
  wait: () => {
    const waitFlow = (data: Record<string, unknown>, extra: EdgeInput[] = []) =>
      flow(
        [
          node("pause", "wait", data),
          node("done", "end", { outcome: "resolved" }),
          ...(extra.length > 0 ? [node("late", "end", { outcome: "abandoned" })] : []),
        ],
        [edge("e1", "start", "pause"), edge("e2", "pause", "done"), ...extra],
      );
    const forDuration = new Run(waitFlow({ duration: "P1D" }));
    expect(forDuration.started).toEqual({
      ...nothingElse,
      entered: expect.any(Array),
      timers: [{ key: "pause", dueAt: CLOCK + 24 * 60 * MINUTE }],
      cancel: ["pause"],
    });
    expect(entered(forDuration.started)).toEqual(["start:start:passing", "pause:wait:waiting"]);
    expect(forDuration.send({ type: "timer.pause" }, { fromClock: true })).toEqual({
      ...nothingElse,
      entered: [{ node: "done", path: "done", type: "end", status: "completed" }],
      cancel: ["pause"],
    });
    // Until a date variable: its time, or now when it has passed or is not a date.
    const until = (followUp: string | null) =>
      new Run(waitFlow({ until: "followUp" }), { vars: { followUp } }).started.timers;
    expect(until("2026-02-01T08:00:00Z")).toEqual([{ key: "pause", dueAt: Date.UTC(2026, 1, 1, 8) }]);
    expect(until("2025-01-01")).toEqual([{ key: "pause", dueAt: CLOCK }]);
    expect(until(null)).toEqual([{ key: "pause", dueAt: CLOCK }]);
    const forEvent = new Run(
      waitFlow({ event: "customer.replied", timeout: "PT2H" }, [
        edge("e3", "pause", "late", { sourceHandle: "timeout" }),
      ]),
    );
    expect(forEvent.started.timers).toEqual([{ key: "pause", dueAt: CLOCK + 120 * MINUTE }]);
    expect(entered(forEvent.started)).toEqual(["start:start:passing", "pause:wait:active"]);
    expect(forEvent.send({ type: "customer.replied" }).cancel).toEqual(["pause"]);
    return forDuration;
  },
  verify: () => {
    const run = new Run(
      flow(
        [
          node("check", "verify", { level: 2, methods: ["otp", "token"] }),
          node("done", "end", { outcome: "resolved" }),
          node("failed", "end", { outcome: "escalated" }),
        ],
        [
          edge("e1", "start", "check"),
          edge("e2", "check", "done", { sourceHandle: "verified" }),
          edge("e3", "check", "failed", { sourceHandle: "failed" }),
        ],
      ),
    );
    expect(run.started).toEqual({
      ...nothingElse,
      entered: expect.any(Array),
      // With otp the runtime sends the code itself: the node's path, attempt cap and code script.
      verifications: [
        {
          entry: 1,
          node: "check",
          level: 2,
          methods: ["otp", "token"],
          path: "check",
          maxAttempts: 3,
          codeScript: "otp-code",
        },
      ],
    });
    expect(entered(run.send({ type: "verify.failed" }))).toEqual(["failed:end:completed"]);
    return run;
  },
  handoff: () => {
    const run = new Run(
      flow(
        [node("agent", "handoff", { channel: "voice", queue: "cards" }), node("done", "end", { outcome: "escalated" })],
        [edge("e1", "start", "agent"), edge("e2", "agent", "done")],
      ),
    );
    expect(run.started).toEqual({
      ...nothingElse,
      entered: expect.any(Array),
      handoffs: [{ entry: 1, node: "agent", channel: "voice", queue: "cards", carryContext: true }],
    });
    return run;
  },
  survey: () => {
    const surveyFlow = (data: Record<string, unknown>) =>
      flow(
        [
          node("rate", "survey", { metric: "nps", script: "nps", variable: "score", timeout: "P1D", ...data }),
          node("done", "end", { outcome: "resolved" }),
          node("late", "end", { outcome: "abandoned" }),
        ],
        [
          edge("e1", "start", "rate"),
          edge("e2", "rate", "done"),
          edge("e3", "rate", "late", { sourceHandle: "timeout" }),
        ],
      );
    const run = new Run(surveyFlow({}), { customer: { preferredChannel: "chat" } });
    expect(run.started).toEqual({
      ...nothingElse,
      entered: expect.any(Array),
      messages: [
        { entry: 1, kind: "survey", node: "rate", metric: "nps", script: "nps", channel: "chat", fallback: [] },
      ],
      timers: [{ key: "rate", dueAt: CLOCK + 24 * 60 * MINUTE }],
      cancel: ["rate"],
    });
    // A survey's own channel wins; without one and without a usable preference, the flow's first channel.
    expect(new Run(surveyFlow({ channel: "sms" })).started.messages[0]?.channel).toBe("sms");
    expect(new Run(surveyFlow({})).started.messages[0]?.channel).toBe("chat");
    expect(run.send({ type: "survey.answered", data: { score: 9 } }).cancel).toEqual(["rate"]);
    return run;
  },
  set: () => {
    const run = new Run(
      flow(
        [node("bump", "set", { assign: { amount: "amount + 1" } }), node("done", "end", { outcome: "resolved" })],
        [edge("e1", "start", "bump"), edge("e2", "bump", "done")],
      ),
    );
    expect(run.started).toEqual({ ...nothingElse, entered: expect.any(Array) });
    expect(entered(run.started)).toEqual(["start:start:passing", "bump:set:passing", "done:end:completed"]);
    return run;
  },
  subflow: () => {
    const called = flow(
      [
        node("note", "message", { script: "warranty", channel: "chat" }),
        node("hold", "wait", { duration: "PT5M" }),
        node("ok", "end", { outcome: "covered" }),
      ],
      [edge("e1", "start", "note"), edge("e2", "note", "hold"), edge("e3", "hold", "ok")],
      "warranty",
    );
    const run = new Run(
      flow(
        [node("check", "subflow", { flow: "warranty" }), node("done", "end", { outcome: "resolved" })],
        [edge("e1", "start", "check"), edge("e2", "check", "done", { sourceHandle: "else" })],
      ),
      {},
      { warranty: called },
    );
    // The called flow's nodes are entered under the caller's path; its timer is named by that path.
    expect(run.started).toEqual({
      ...nothingElse,
      entered: expect.any(Array),
      messages: [{ entry: 3, kind: "message", node: "note", script: "warranty", channel: "chat", fallback: [] }],
      timers: [{ key: "check/hold", dueAt: CLOCK + 5 * MINUTE }],
      cancel: ["check/hold"],
    });
    expect(entered(run.started)).toEqual([
      "start:start:passing",
      "check:subflow:active",
      "check/start:start:passing",
      "check/note:message:passing",
      "check/hold:wait:waiting",
    ]);
    expect(left(run.started)).toEqual(["start>out", "check/start>out", "check/note>out"]);
    const woken = run.send({ type: "timer.check/hold" }, { fromClock: true });
    expect(entered(woken)).toEqual(["check/ok:end:passing", "done:end:completed"]);
    // The wait and the subflow around it were entered in an earlier step; the subflow leaves by its else outlet.
    expect(left(woken)).toEqual(["^check/hold>out", "^check>else"]);
    return run;
  },
  end: () => {
    const run = new Run(flow([node("done", "end", { outcome: "resolved" })], [edge("e1", "start", "done")]));
    expect(run.started.entered.at(-1)).toEqual({ node: "done", path: "done", type: "end", status: "completed" });
    return run;
  },
};

describe("planEffects, per node type", () => {
  for (const type of nodeTypes) {
    it(`plans what a ${type} node asks for`, () => {
      const run = cases[type]();
      // Every effect the machine emitted is one the node types involved declare.
      const declared = new Set([
        "enterNode",
        "leaveNode",
        ...Object.values(nodeRegistry).flatMap((d) => [...d.effects]),
      ]);
      for (const effect of run.effects.flat()) expect(declared).toContain(effect.type);
    });
  }
});

describe("planEffects", () => {
  it("enters a node again when its edge leads back to itself: an ask that times out into itself asks again", () => {
    const run = new Run(
      flow(
        [
          node("q", "ask", { variable: "answer", script: "whichCard", timeout: "PT10M" }),
          node("done", "end", { outcome: "resolved" }),
        ],
        [edge("e1", "start", "q"), edge("e2", "q", "done"), edge("e3", "q", "q", { sourceHandle: "timeout" })],
      ),
    );
    const again = run.send({ type: "timer.q" }, { fromClock: true });
    expect(left(again)).toEqual(["^q>timeout"]);
    expect(entered(again)).toEqual(["q:ask:active"]);
    expect(again.questions).toEqual([{ entry: 0, node: "q", script: "whichCard" }]);
    // Its timer is set again from the new clock, not left fired.
    expect(again.timers).toEqual([{ key: "q", dueAt: CLOCK + 11 * MINUTE }]);
  });

  it("keeps the last of a timer set, cancelled and set again in one step, and cancels it first", () => {
    const plan = planEffects({
      effects: [
        { type: "scheduleTimer", params: { id: "t", after: "PT1M" } },
        { type: "cancelTimer", params: { id: "t" } },
        { type: "scheduleTimer", params: { id: "t", after: "PT2M" } },
        { type: "scheduleTimer", params: { id: "u", after: "PT1M" } },
        { type: "cancelTimer", params: { id: "u" } },
      ],
      clock: CLOCK,
      context: { vars: {}, customer: {}, frames: [] },
      flowChannels: ["chat"],
    });
    expect(plan.timers).toEqual([{ key: "t", dueAt: CLOCK + 2 * MINUTE }]);
    expect(plan.cancel).toEqual(["t", "u"]);
  });

  it("names the step the interaction was on (-1) for records before any node is entered", () => {
    const plan = planEffects({
      effects: [{ type: "queueMessage", params: { node: "m", script: "s", channel: "preferred", fallback: [] } }],
      clock: CLOCK,
      context: { vars: {}, customer: {}, frames: [] },
      flowChannels: [],
    });
    // No channel of the flow fits: the message is planned without one (the runtime sends nothing).
    expect(plan.messages).toEqual([
      { entry: -1, kind: "message", node: "m", script: "s", channel: null, fallback: [] },
    ]);
  });
});
