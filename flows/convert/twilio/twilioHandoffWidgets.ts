// Twilio widgets that hand the contact on, and those with no counterpart (event-waiting stages, settings).
import type { Channel } from "../../schema/common";
import { eventPart } from "../naming";
import { outcomeFor } from "../outcomes";
import { Findings } from "../findings";
import type { WidgetContext } from "./twilioWidgetKit";
import { dropOthers, exitOn, nextOf, str } from "./twilioWidgetKit";

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
