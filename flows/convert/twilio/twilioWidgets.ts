import type { Channel } from "../../schema/common";
import type { ScriptChannel } from "../../schema/scriptDocument";
import type { FlowAssembler, Position } from "../flowAssembler";
import { eventPart, secondsDuration, uniqueName, variableName } from "../naming";
import { outcomeFor } from "../outcomes";
import { Findings } from "../findings";
import type { TwilioState } from "./twilioDefinition";
import type { Declare } from "../conversionTypes";
import { twilioValueToExpression } from "./twilioLiquid";
import { twilioConditionExpression } from "./twilioConditions";

export type WidgetContext = {
  asm: FlowAssembler;
  state: TwilioState;
  position: Position;
  /** Where send-message widgets send: `sms`, or `chat` for a Conversations flow. */
  messageChannel: Channel;
  /** Where send-to-flex hands a contact over. */
  handoffChannel: Channel;
  declare: Declare;
  /** Turns a prompt into a script document; returns its key and what could not be mapped. */
  prompt(text: string, channel: ScriptChannel, locale?: string): { key: string; unmapped: string[] };
};

const str = (value: unknown): string | undefined =>
  typeof value === "string"
    ? value
    : typeof value === "number" || typeof value === "boolean"
      ? String(value)
      : undefined;

function nextOf(state: TwilioState, event: string): string | undefined {
  const next = state.transitions.find((t) => t.event === event)?.next;
  return next === undefined || next === "" ? undefined : next;
}

/** Reports every transition with a target that the node cannot take. */
function dropOthers(
  asm: FlowAssembler,
  findings: Findings,
  state: TwilioState,
  kept: readonly string[],
  reason: string,
): void {
  for (const t of state.transitions) {
    if (kept.includes(t.event) || t.next === undefined || t.next === "") continue;
    findings.lost("branch-left-out", `its "${t.event}" transition (to ${t.next}) is left out: ${reason}`);
    asm.lostBranchTo(t.next);
  }
}

function exitOn(context: WidgetContext, node: string, event: string, outlet?: string, outcome?: string): void {
  const next = nextOf(context.state, event);
  context.asm.exit({
    node,
    ...(outlet !== undefined ? { outlet } : {}),
    ...(next !== undefined ? { next } : {}),
    outcome: outcome ?? outcomeFor(event),
  });
}

const below = (p: Position, step = 1): Position => ({ x: p.x, y: p.y + 130 * step });

function localeOf(value: unknown): string | undefined {
  const text = str(value);
  return text !== undefined && /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$/.test(text) ? text : undefined;
}

export function convertTrigger(context: WidgetContext): void {
  const { asm, state } = context;
  const findings = new Findings(context.asm, context.state.name, context.state.type);
  const start = asm.addNode(
    state.name,
    "start",
    context.position,
    { trigger: { type: "api" }, label: state.name },
    state.name,
  );
  findings.node = start;
  asm.enter(state.name, start);
  const routes = state.transitions.filter((t) => t.next !== undefined && t.next !== "");
  const targets = new Set(routes.map((t) => t.next));
  if (targets.size <= 1) {
    asm.exit({ node: start, ...(routes[0]?.next ? { next: routes[0].next } : {}) });
  } else {
    context.declare("triggerEvent", "string");
    const route = asm.addNode(
      `${state.name}.route`,
      "decision",
      below(context.position),
      {
        label: `${state.name}: which trigger`,
        rules: routes.map((t) => ({ when: `triggerEvent == ${JSON.stringify(t.event)}`, handle: eventPart(t.event) })),
      },
      state.name,
    );
    asm.link(start, route);
    for (const t of routes) asm.exit({ node: route, outlet: eventPart(t.event), next: t.next });
    const fallback = routes.find((t) => t.event === "incomingRequest") ?? routes[0];
    asm.exit({ node: route, outlet: "else", ...(fallback?.next ? { next: fallback.next } : {}) });
    findings.note.push(
      'which trigger started the flow is the variable "triggerEvent" (incomingMessage, incomingCall, …), given at the start',
    );
  }
  findings.record();
}

export function convertSendMessage(context: WidgetContext): void {
  const { asm, state } = context;
  const findings = new Findings(context.asm, context.state.name, context.state.type);
  const body = str(state.properties.body) ?? "";
  const script = context.prompt(body, context.messageChannel);
  findings.unmapped(script.unmapped);
  const node = asm.addNode(
    state.name,
    "message",
    context.position,
    {
      script: script.key,
      channel: context.messageChannel,
      label: state.name,
    },
    state.name,
  );
  findings.node = node;
  asm.enter(state.name, node);
  exitOn(context, node, "sent");
  dropOthers(asm, findings, state, ["sent"], "a message node has one way out (delivery is retried, not branched on)");
  if (str(state.properties.media_url)) findings.lost("media", "its media (media_url) is not sent: scripts hold text");
  findings.record();
}

export function convertSendAndWait(context: WidgetContext): void {
  const { asm, state } = context;
  const findings = new Findings(context.asm, context.state.name, context.state.type);
  const script = context.prompt(str(state.properties.body) ?? "", context.messageChannel);
  findings.unmapped(script.unmapped);
  const message = asm.addNode(
    state.name,
    "message",
    context.position,
    {
      script: script.key,
      channel: context.messageChannel,
      label: state.name,
    },
    state.name,
  );
  const variable = variableName(state.name);
  context.declare(variable, "string");
  const timeout = secondsDuration(state.properties.timeout ?? 3600);
  const ask = asm.addNode(
    `${state.name}.reply`,
    "ask",
    below(context.position),
    {
      variable,
      ...(timeout ? { timeout } : {}),
      label: `${state.name}: the reply`,
    },
    state.name,
  );
  asm.link(message, ask);
  asm.enter(state.name, message);
  findings.node = message;
  exitOn(context, ask, "incomingMessage");
  if (timeout) exitOn(context, ask, "timeout", "timeout");
  dropOthers(asm, findings, state, ["incomingMessage", "timeout"], "a message node has one way out");
  findings.note.push(`the reply is stored in "${variable}"`);
  findings.record();
}

export function convertGather(context: WidgetContext): void {
  const { asm, state } = context;
  const findings = new Findings(context.asm, context.state.name, context.state.type);
  const say = str(state.properties.say);
  const play = str(state.properties.play);
  const locale = localeOf(state.properties.language);
  const script = say !== undefined && say !== "" ? context.prompt(say, "voice", locale) : undefined;
  if (script) findings.unmapped(script.unmapped);
  if (play) findings.lost("media", `it plays a recording (${play}), which is not brought over: scripts hold text`);
  const variable = variableName(state.name);
  context.declare(variable, "string");
  const timeout = secondsDuration(state.properties.timeout ?? 5);
  const node = asm.addNode(
    state.name,
    "ask",
    context.position,
    {
      ...(script ? { script: script.key } : {}),
      variable,
      ...(timeout ? { timeout } : {}),
      label: state.name,
    },
    state.name,
  );
  findings.node = node;
  asm.enter(state.name, node);
  const keypress = nextOf(state, "keypress");
  const speech = nextOf(state, "speech");
  exitOn(context, node, keypress !== undefined || speech === undefined ? "keypress" : "speech");
  if (keypress !== undefined && speech !== undefined && keypress !== speech) asm.lostBranchTo(speech);
  if (keypress !== undefined && speech !== undefined && keypress !== speech)
    findings.lost(
      "branch-left-out",
      `its "speech" transition (to ${speech}) is left out: an answer, typed or spoken, leaves by one way (the "keypress" one)`,
    );
  if (timeout) exitOn(context, node, "timeout", "timeout");
  dropOthers(asm, findings, state, ["keypress", "speech", "timeout"], "an ask has no such way out");
  findings.note.push(`the digits or speech are stored in "${variable}"`);
  findings.record();
}

export function convertSayPlay(context: WidgetContext): void {
  const { asm, state } = context;
  const findings = new Findings(context.asm, context.state.name, context.state.type);
  const say = str(state.properties.say);
  const play = str(state.properties.play);
  const digits = str(state.properties.digits);
  if (play) findings.lost("media", `it plays a recording (${play}), which is not brought over: scripts hold text`);
  if (digits) findings.lost("left-out", `it sends the tones "${digits}", which the studio does not do`);
  if (say === undefined || say === "") {
    asm.skip(state.name, nextOf(state, "audioComplete"));
    findings.lost("left-out", "with nothing to say it is left out");
    findings.record();
    return;
  }
  const script = context.prompt(say, "voice", localeOf(state.properties.language));
  findings.unmapped(script.unmapped);
  const node = asm.addNode(
    state.name,
    "message",
    context.position,
    {
      script: script.key,
      channel: "voice",
      label: state.name,
    },
    state.name,
  );
  findings.node = node;
  asm.enter(state.name, node);
  exitOn(context, node, "audioComplete");
  dropOthers(asm, findings, state, ["audioComplete"], "a message node has one way out");
  const loop = Number(state.properties.loop ?? 1);
  if (loop > 1) findings.note.push(`said once, not ${loop} times`);
  findings.record();
}

export function convertSplit(context: WidgetContext): void {
  const { asm, state } = context;
  const findings = new Findings(context.asm, context.state.name, context.state.type);
  const input = twilioValueToExpression(str(state.properties.input) ?? "", context.declare);
  if (!input.ok) findings.lost("expression", `its input cannot be read: ${input.why}`);
  const leftVariable = input.ok && /^[A-Za-z_]\w*$/.test(input.expr) ? input.expr : undefined;
  const rules: Array<{ when: string; handle: string }> = [];
  const handles = new Set<string>(["else"]);
  const exits: Array<{ handle: string; next: string }> = [];
  state.transitions
    .filter((t) => t.event === "match")
    .forEach((t, index) => {
      const conditions = t.conditions ?? [];
      const name = conditions[0]?.friendly_name ?? `match ${index + 1}`;
      if (!input.ok) {
        if (t.next) findings.lost("branch-left-out", `its branch "${name}" (to ${t.next}) is left out`);
        if (t.next) asm.lostBranchTo(t.next);
        return;
      }
      const parts = conditions.map((c) =>
        twilioConditionExpression(c, wrapInput(input.expr), leftVariable, context.declare),
      );
      const failed = parts.find((p) => !p.ok);
      if (failed && !failed.ok) {
        if (t.next) asm.lostBranchTo(t.next);
        findings.lost(
          "branch-left-out",
          `its branch "${name}"${t.next ? ` (to ${t.next})` : ""} is left out: ${failed.why}`,
        );
        return;
      }
      if (parts.length === 0) {
        if (t.next)
          findings.lost("branch-left-out", `its branch "${name}" (to ${t.next}) has no condition and is left out`);
        return;
      }
      const handle = uniqueName(
        eventPart(name.replace(/\s+/g, "-")).replace(/^_+/, "") || `match-${index + 1}`,
        handles,
      );
      handles.add(handle);
      rules.push({ when: parts.map((p) => (p.ok ? wrapAnd(p.expr, parts.length) : "")).join(" and "), handle });
      exits.push({ handle, next: t.next ?? "" });
    });
  const node = asm.addNode(state.name, "decision", context.position, { rules, label: state.name }, state.name);
  findings.node = node;
  asm.enter(state.name, node);
  for (const exit of exits) asm.exit({ node, outlet: exit.handle, ...(exit.next ? { next: exit.next } : {}) });
  exitOn(context, node, "noMatch", "else");
  findings.record();
}

const wrapInput = (expr: string) => (/^[\w.]+$/.test(expr) ? expr : `(${expr})`);
const wrapAnd = (expr: string, count: number) => (count > 1 && !expr.startsWith("(") ? `(${expr})` : expr);

export function convertSetVariables(context: WidgetContext): void {
  const { asm, state } = context;
  const findings = new Findings(context.asm, context.state.name, context.state.type);
  const assign: { [variable: string]: string } = {};
  const variables = Array.isArray(state.properties.variables) ? state.properties.variables : [];
  for (const entry of variables) {
    const key = typeof entry === "object" && entry !== null ? str((entry as { key?: unknown }).key) : undefined;
    const value = typeof entry === "object" && entry !== null ? str((entry as { value?: unknown }).value) : undefined;
    if (key === undefined) continue;
    const expr = twilioValueToExpression(value ?? "", context.declare);
    if (!expr.ok) {
      findings.lost("expression", `"${key}" is not set: ${expr.why}`);
      continue;
    }
    const variable = variableName(key);
    context.declare(variable, expr.numeric ? "number" : "string");
    assign[variable] = expr.expr;
  }
  if (Object.keys(assign).length === 0) {
    asm.skip(state.name, nextOf(state, "next"));
    findings.lost("left-out", "it sets nothing that converts, so it is left out");
    findings.record();
    return;
  }
  const node = asm.addNode(state.name, "set", context.position, { assign, label: state.name }, state.name);
  findings.node = node;
  asm.enter(state.name, node);
  exitOn(context, node, "next");
  findings.record();
}

export function convertRunSubflow(context: WidgetContext): void {
  const { asm, state } = context;
  const findings = new Findings(context.asm, context.state.name, context.state.type);
  const sid = str(state.properties.flow_sid) ?? "";
  const flow = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(sid) ? sid : `subflow-${eventPart(state.name)}`;
  const assign: { [variable: string]: string } = {};
  const parameters = Array.isArray(state.properties.parameters) ? state.properties.parameters : [];
  for (const entry of parameters) {
    const key = typeof entry === "object" && entry !== null ? str((entry as { key?: unknown }).key) : undefined;
    const value = typeof entry === "object" && entry !== null ? str((entry as { value?: unknown }).value) : undefined;
    if (key === undefined) continue;
    const expr = twilioValueToExpression(value ?? "", context.declare);
    if (!expr.ok) {
      findings.lost("expression", `its parameter "${key}" is not passed: ${expr.why}`);
      continue;
    }
    const variable = variableName(key);
    context.declare(variable, expr.numeric ? "number" : "string");
    assign[variable] = expr.expr;
  }
  const position = Object.keys(assign).length > 0 ? below(context.position) : context.position;
  const node = asm.addNode(state.name, "subflow", position, { flow, label: state.name }, state.name);
  if (Object.keys(assign).length > 0) {
    const set = asm.addNode(
      `${state.name}.parameters`,
      "set",
      context.position,
      {
        assign,
        label: `${state.name}: parameters`,
      },
      state.name,
    );
    asm.link(set, node);
    asm.enter(state.name, set);
  } else asm.enter(state.name, node);
  findings.node = node;
  exitOn(context, node, "completed", "else");
  dropOthers(asm, findings, state, ["completed"], "a subflow leaves by the outcome its flow ends with");
  findings.note.push(
    `calls flow "${flow}": convert and import that flow too (its parameters are variables both flows declare)`,
  );
  findings.record();
}

function convertHandoff(
  context: WidgetContext,
  channel: Channel,
  queue: string | undefined,
  done: string,
  description: string,
): void {
  const { asm, state } = context;
  const findings = new Findings(context.asm, context.state.name, context.state.type);
  const node = asm.addNode(
    state.name,
    "handoff",
    context.position,
    {
      channel,
      ...(queue ? { queue } : {}),
      carryContext: true,
      label: state.name,
    },
    state.name,
  );
  findings.node = node;
  asm.enter(state.name, node);
  exitOn(context, node, done, undefined, "escalated");
  dropOthers(
    asm,
    findings,
    state,
    [done],
    "a handoff is recorded and moves on; how the call or the queue went is not branched on",
  );
  findings.note.push(description);
  findings.record();
}

export function convertConnectCall(context: WidgetContext): void {
  const p = context.state.properties;
  const to = str(p.to) ?? str(p.noun);
  convertHandoff(
    context,
    "voice",
    to,
    "callCompleted",
    `connects the call to ${str(p.noun) ?? "a number"} ${to ?? ""}`.trim(),
  );
}

export function convertSendToFlex(context: WidgetContext): void {
  const p = context.state.properties;
  const queue = str(p.workflow) ?? str(p.queue_name);
  convertHandoff(
    context,
    context.handoffChannel,
    queue,
    "callComplete",
    `hands the contact to Flex (workflow ${queue ?? "?"})`,
  );
}

export function convertEnqueue(context: WidgetContext): void {
  const p = context.state.properties;
  const queue = str(p.queue_name) ?? str(p.workflow_sid);
  convertHandoff(context, "voice", queue, "callComplete", `puts the call in queue ${queue ?? "?"}`);
}

/**
 * What has no counterpart (an HTTP request, a function, a payment, a recording): a stage that waits for an
 * event named after the widget, one per transition (`http_1.success`), sent by whoever does the work.
 */
export function convertToEventStage(context: WidgetContext, why: string): void {
  const { asm, state } = context;
  const findings = new Findings(context.asm, context.state.name, context.state.type);
  const node = asm.addNode(state.name, "stage", context.position, { stage: "custom", label: state.name }, state.name);
  findings.node = node;
  asm.enter(state.name, node);
  const transitions = state.transitions.length > 0 ? state.transitions : [{ event: "done", next: undefined }];
  const events = transitions.map((t) => `${eventPart(state.name)}.${eventPart(t.event)}`);
  transitions.forEach((t, index) => {
    asm.exit({
      node,
      event: events[index],
      ...(t.next ? { next: t.next } : {}),
      outcome: outcomeFor(t.event),
    });
  });
  findings.lost(
    "became-stage",
    `${why}: it became a stage waiting for ${events.map((e) => `"${e}"`).join(", ") || '"next"'}`,
  );
  findings.record();
}

export function skipSetting(context: WidgetContext, event: string, why: string): void {
  const findings = new Findings(context.asm, context.state.name, context.state.type);
  context.asm.skip(context.state.name, nextOf(context.state, event));
  dropOthers(context.asm, findings, context.state, [event], "the widget is left out");
  findings.lost("left-out", `${why}; left out, its "${event}" transition is followed`);
  findings.record();
}
