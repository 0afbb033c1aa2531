// Twilio widgets that speak or ask: trigger, send-message, send-and-wait-for-reply, gather-input-on-call, say-play.
import { eventPart, secondsDuration, variableName } from "../naming";
import { Findings } from "../findings";
import type { WidgetContext } from "./twilioWidgetKit";
import { below, dropOthers, exitOn, localeOf, nextOf, str } from "./twilioWidgetKit";

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
