// Connect actions that decide, remember and wait: Compare, UpdateContactAttributes, UpdateContactTargetQueue, Loop, Wait.
import { eventPart, secondsDuration, uniqueName, variableName } from "../naming";
import type { ActionContext } from "./connectActionKit";
import { arnName, below, dropErrors, errorTarget, exitNext, findings, str } from "./connectActionKit";
import { connectConditionExpression, connectValueExpression } from "./connectPaths";

export function convertCompare(context: ActionContext): void {
  const { asm, action } = context;
  const found = findings(context);
  const value = str(action.Parameters.ComparisonValue) ?? "";
  const left = connectValueExpression(value, context.declare);
  const leftVariable = /^[A-Za-z_]\w*$/.test(left) ? left : undefined;
  const rules: Array<{ when: string; handle: string }> = [];
  const handles = new Set<string>(["else"]);
  const exits: Array<{ handle: string; next?: string }> = [];
  for (const condition of action.Transitions.Conditions) {
    const operand = condition.Condition.Operands[0] ?? "";
    const expr = connectConditionExpression(condition.Condition.Operator, operand, left, leftVariable, context.declare);
    if (!expr.ok) {
      if (condition.NextAction) asm.lostBranchTo(condition.NextAction);
      found.lost(
        "branch-left-out",
        `its branch on "${operand}"${condition.NextAction ? ` (to ${condition.NextAction})` : ""} is left out: ${expr.why}`,
      );
      continue;
    }
    const handle = uniqueName(eventPart(operand).replace(/^_+/, "") || "match", handles);
    handles.add(handle);
    rules.push({ when: expr.expr, handle });
    exits.push({ handle, ...(condition.NextAction ? { next: condition.NextAction } : {}) });
  }
  const node = asm.addNode(action.Identifier, "decision", context.position, { rules }, action.Identifier);
  found.node = node;
  asm.enter(action.Identifier, node);
  for (const exit of exits) asm.exit({ node, outlet: exit.handle, ...(exit.next ? { next: exit.next } : {}) });
  const noMatch = errorTarget(action, "NoMatchingCondition") ?? action.Transitions.NextAction;
  asm.exit({ node, outlet: "else", ...(noMatch ? { next: noMatch } : {}) });
  dropErrors(asm, found, action, ["NoMatchingCondition"], "a decision has no such way out");
  found.record();
}

export function convertUpdateAttributes(context: ActionContext): void {
  const { asm, action } = context;
  const found = findings(context);
  const attributes = action.Parameters.Attributes;
  const assign: { [variable: string]: string } = {};
  if (typeof attributes === "object" && attributes !== null) {
    for (const [key, value] of Object.entries(attributes)) {
      const text = str(value);
      if (text === undefined) continue;
      const variable = variableName(key);
      context.declare(variable, "string");
      assign[variable] = connectValueExpression(text, context.declare);
    }
  }
  if (Object.keys(assign).length === 0) {
    asm.skip(action.Identifier, action.Transitions.NextAction);
    found.lost("left-out", "it sets no attribute, so it is left out");
    found.record();
    return;
  }
  const node = asm.addNode(action.Identifier, "set", context.position, { assign }, action.Identifier);
  found.node = node;
  asm.enter(action.Identifier, node);
  exitNext(context, node);
  dropErrors(asm, found, action, [], "setting variables cannot fail");
  found.record();
}

export function convertTargetQueue(context: ActionContext): void {
  const { asm, action } = context;
  const found = findings(context);
  const queue = arnName(str(action.Parameters.QueueId) ?? "queue");
  context.declare("targetQueue", "string");
  const node = asm.addNode(
    action.Identifier,
    "set",
    context.position,
    { assign: { targetQueue: JSON.stringify(queue) } },
    action.Identifier,
  );
  found.node = node;
  asm.enter(action.Identifier, node);
  exitNext(context, node);
  dropErrors(asm, found, action, [], "setting variables cannot fail");
  found.note.push(`the queue "${queue}" is kept in "targetQueue"`);
  found.record();
}

export function convertLoop(context: ActionContext): void {
  const { asm, action } = context;
  const found = findings(context);
  const count = Number(str(action.Parameters.LoopCount) ?? "1");
  const counter = variableName(`loop_${action.Identifier.replace(/[^A-Za-z0-9]/g, "").slice(0, 8)}`);
  context.declare(counter, "number", 0);
  const set = asm.addNode(
    action.Identifier,
    "set",
    context.position,
    { assign: { [counter]: `${counter} + 1` } },
    action.Identifier,
  );
  const check = asm.addNode(
    `${action.Identifier}.check`,
    "decision",
    below(context.position),
    {
      rules: [{ when: `${counter} <= ${Number.isFinite(count) ? count : 1}`, handle: "ContinueLooping" }],
      label: `loop ${count} times`,
    },
    action.Identifier,
  );
  asm.link(set, check);
  found.node = set;
  asm.enter(action.Identifier, set);
  const branch = (operand: string) =>
    action.Transitions.Conditions.find((c) => c.Condition.Operands.includes(operand))?.NextAction || undefined;
  const again = branch("ContinueLooping");
  const done = branch("DoneLooping") ?? action.Transitions.NextAction;
  asm.exit({ node: check, outlet: "ContinueLooping", ...(again ? { next: again } : {}) });
  asm.exit({ node: check, outlet: "else", ...(done ? { next: done } : {}) });
  dropErrors(asm, found, action, [], "a loop cannot fail");
  found.note.push(`counts in "${counter}"`);
  found.record();
}

export function convertWait(context: ActionContext): void {
  const { asm, action } = context;
  const found = findings(context);
  const duration =
    secondsDuration(action.Parameters.TimeLimitSeconds ?? action.Parameters.TimeoutSeconds ?? 60) ?? "PT60S";
  const branch = (operand: string) =>
    action.Transitions.Conditions.find((c) => c.Condition.Operands.includes(operand))?.NextAction || undefined;
  const returned = branch("CustomerReturned") ?? branch("ParticipantReturned");
  const completed = branch("WaitCompleted") ?? action.Transitions.NextAction;
  const hasReturn = action.Transitions.Conditions.some((c) => c.Condition.Operands.some((o) => /Returned/.test(o)));
  const node = asm.addNode(
    action.Identifier,
    "wait",
    context.position,
    hasReturn ? { event: "customer.returned", timeout: duration } : { duration },
    action.Identifier,
  );
  found.node = node;
  asm.enter(action.Identifier, node);
  if (hasReturn) {
    asm.exit({ node, ...(returned ? { next: returned } : {}) });
    asm.exit({ node, outlet: "timeout", ...(completed ? { next: completed } : {}) });
    found.note.push('the customer coming back is the event "customer.returned"');
  } else asm.exit({ node, ...(completed ? { next: completed } : {}) });
  dropErrors(asm, found, action, [], "a wait cannot fail");
  found.record();
}
