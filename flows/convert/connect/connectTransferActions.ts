// Connect actions that hand the contact on or end, and those with no counterpart (event-waiting stages, settings).
import { eventPart, uniqueName } from "../naming";
import { outcomeFor } from "../outcomes";
import type { ActionContext } from "./connectActionKit";
import { arnName, dropErrors, exitNext, findings, str } from "./connectActionKit";

export function convertTransferToQueue(context: ActionContext): void {
  const { asm, action } = context;
  const found = findings(context);
  const node = asm.addNode(
    action.Identifier,
    "handoff",
    context.position,
    {
      channel: "voice",
      ...(context.queue ? { queue: context.queue } : {}),
      carryContext: true,
    },
    action.Identifier,
  );
  found.node = node;
  asm.enter(action.Identifier, node);
  exitNext(context, node, undefined, "escalated");
  dropErrors(asm, found, action, [], "a handoff is recorded and moves on; a full queue is not branched on");
  if (!context.queue) found.note.push('the queue is the one in "targetQueue" (the flow sets more than one, or none)');
  found.record();
}

function convertCall(context: ActionContext, flowId: string, returns: boolean): void {
  const { asm, action } = context;
  const found = findings(context);
  const raw = arnName(flowId);
  const flow = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(raw) ? raw : `flow-${eventPart(raw)}`;
  const node = asm.addNode(action.Identifier, "subflow", context.position, { flow }, action.Identifier);
  found.node = node;
  asm.enter(action.Identifier, node);
  if (returns) exitNext(context, node, "else");
  else asm.exit({ node, outlet: "else", outcome: "resolved" });
  dropErrors(asm, found, action, [], "a subflow leaves by the outcome its flow ends with");
  found.note.push(`calls flow "${flow}": convert and import that flow too`);
  found.record();
}

export function convertTransferToFlow(context: ActionContext): void {
  convertCall(context, str(context.action.Parameters.ContactFlowId) ?? "flow", false);
}

export function convertInvokeModule(context: ActionContext): void {
  convertCall(context, str(context.action.Parameters.FlowModuleId) ?? "module", true);
}

export function convertDisconnect(context: ActionContext): void {
  const { asm, action } = context;
  const found = findings(context);
  const node = asm.addNode(action.Identifier, "end", context.position, { outcome: "resolved" }, action.Identifier);
  found.node = node;
  asm.enter(action.Identifier, node);
  found.record();
}

/** What has no counterpart: a stage waiting for an event per way out, named after the action (`check-balance.success`). */
export function convertToEventStage(context: ActionContext, name: string, why: string): void {
  const { asm, action } = context;
  const found = findings(context);
  const node = asm.addNode(
    action.Identifier,
    "stage",
    context.position,
    { stage: "custom", label: `${action.Type} ${name}` },
    action.Identifier,
  );
  found.node = node;
  asm.enter(action.Identifier, node);
  const base = eventPart(name);
  const events: string[] = [];
  const taken = new Set<string>();
  const add = (suffix: string, next: string | undefined, outcome: string) => {
    const event = uniqueName(`${base}.${eventPart(suffix)}`, taken);
    taken.add(event);
    events.push(event);
    asm.exit({ node, event, ...(next ? { next } : {}), outcome });
  };
  if (action.Transitions.NextAction || action.Transitions.Conditions.length === 0)
    add("success", action.Transitions.NextAction, "resolved");
  for (const condition of action.Transitions.Conditions)
    add(condition.Condition.Operands[0] ?? "match", condition.NextAction, "resolved");
  for (const error of action.Transitions.Errors) add(error.ErrorType, error.NextAction, outcomeFor(error.ErrorType));
  found.lost("became-stage", `${why}: it became a stage waiting for ${events.map((e) => `"${e}"`).join(", ")}`);
  found.record();
}

/** A platform setting (logging, recording, voice): no node; its transitions are followed. */
export function skipSetting(context: ActionContext, why: string, converted: boolean): void {
  const found = findings(context);
  context.asm.skip(context.action.Identifier, context.action.Transitions.NextAction);
  if (converted) found.note.push(why);
  else found.lost("left-out", `${why}; left out`);
  found.record();
}
