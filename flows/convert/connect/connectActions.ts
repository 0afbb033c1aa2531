import type { Declare } from "../conversionTypes";
import type { FlowAssembler, Position } from "../flowAssembler";
import { Findings } from "../findings";
import { eventPart, secondsDuration, uniqueName, variableName } from "../naming";
import { outcomeFor } from "../outcomes";
import type { ConnectAction } from "./connectFlow";
import { connectConditionExpression, connectValueExpression } from "./connectPaths";

export type ActionContext = {
  asm: FlowAssembler;
  action: ConnectAction;
  position: Position;
  declare: Declare;
  /** The queue the flow sets with UpdateContactTargetQueue, when it sets exactly one. */
  queue?: string;
  /** The action's prompt (`Text` or `SSML`) as a script; undefined when it has none. */
  prompt(): { key: string } | undefined;
};

const str = (value: unknown): string | undefined =>
  typeof value === "string"
    ? value
    : typeof value === "number" || typeof value === "boolean"
      ? String(value)
      : undefined;

const below = (p: Position, step = 1): Position => ({ x: p.x, y: p.y + 130 * step });

/** `arn:aws:lambda:…:function:check-balance` → `check-balance`; `arn:…/queue/abc` → `abc`. */
export function arnName(arn: string): string {
  const fn = arn.match(/:function:([^:]+)/);
  if (fn?.[1]) return fn[1];
  const last = arn
    .split(/[/:]/)
    .filter((part) => part !== "")
    .pop();
  return last ?? arn;
}

function findings(context: ActionContext): Findings {
  return new Findings(context.asm, context.action.Identifier, context.action.Type);
}

/** Every error branch with a target that is not kept is reported; NoMatchingError (Connect's catch-all) is noted. */
function dropErrors(
  asm: FlowAssembler,
  found: Findings,
  action: ConnectAction,
  kept: readonly string[],
  reason: string,
): void {
  for (const error of action.Transitions.Errors) {
    if (kept.includes(error.ErrorType) || !error.NextAction) continue;
    if (error.ErrorType === "NoMatchingError") {
      found.note.push(`its NoMatchingError branch (a platform failure) is not needed here`);
      asm.unneededBranchTo(error.NextAction);
    } else {
      found.lost("branch-left-out", `its ${error.ErrorType} branch (to ${error.NextAction}) is left out: ${reason}`);
      asm.lostBranchTo(error.NextAction);
    }
  }
}

function errorTarget(action: ConnectAction, type: string): string | undefined {
  return action.Transitions.Errors.find((e) => e.ErrorType === type)?.NextAction || undefined;
}

function exitNext(context: ActionContext, node: string, outlet?: string, outcome?: string): void {
  const next = context.action.Transitions.NextAction;
  context.asm.exit({ node, ...(outlet ? { outlet } : {}), ...(next ? { next } : {}), ...(outcome ? { outcome } : {}) });
}

export function convertMessage(context: ActionContext): void {
  const { asm, action } = context;
  const found = findings(context);
  const script = context.prompt();
  if (!script) {
    asm.skip(action.Identifier, action.Transitions.NextAction);
    found.lost(
      "media",
      `it plays ${str(action.Parameters.PromptId) ? `the stored prompt ${str(action.Parameters.PromptId)}` : "media"}, which is not brought over: scripts hold text; left out`,
    );
    found.record();
    return;
  }
  const node = asm.addNode(
    action.Identifier,
    "message",
    context.position,
    { script: script.key, channel: "preferred" },
    action.Identifier,
  );
  found.node = node;
  asm.enter(action.Identifier, node);
  exitNext(context, node);
  dropErrors(asm, found, action, [], "a message node has one way out");
  found.record();
}

/** An ask that stores the answer, then (when the action branches on it) a decision over the answer. */
function askAndBranch(context: ActionContext, variable: string, timeout: string | undefined, kind: string): void {
  const { asm, action } = context;
  const found = findings(context);
  const script = context.prompt();
  context.declare(variable, "string");
  const ask = asm.addNode(
    action.Identifier,
    "ask",
    context.position,
    {
      ...(script ? { script: script.key } : {}),
      variable,
      ...(timeout ? { timeout } : {}),
    },
    action.Identifier,
  );
  found.node = ask;
  asm.enter(action.Identifier, ask);
  if (timeout) {
    const target = errorTarget(action, "InputTimeLimitExceeded");
    asm.exit({ node: ask, outlet: "timeout", ...(target ? { next: target } : {}), outcome: "abandoned" });
  }
  const conditions = action.Transitions.Conditions;
  if (conditions.length === 0) {
    exitNext(context, ask);
  } else {
    const rules: Array<{ when: string; handle: string }> = [];
    const handles = new Set<string>(["else"]);
    const exits: Array<{ handle: string; next?: string }> = [];
    for (const condition of conditions) {
      const operand = condition.Condition.Operands[0] ?? "";
      const expr = connectConditionExpression(
        condition.Condition.Operator,
        operand,
        variable,
        variable,
        context.declare,
      );
      if (!expr.ok) {
        if (condition.NextAction) asm.lostBranchTo(condition.NextAction);
        found.lost("branch-left-out", `its branch on "${operand}" is left out: ${expr.why}`);
        continue;
      }
      const handle = uniqueName(eventPart(operand).replace(/^_+/, "") || "match", handles);
      handles.add(handle);
      rules.push({ when: expr.expr, handle });
      exits.push({ handle, ...(condition.NextAction ? { next: condition.NextAction } : {}) });
    }
    const decision = asm.addNode(
      `${action.Identifier}.match`,
      "decision",
      below(context.position),
      { rules, label: `${kind}: which answer` },
      action.Identifier,
    );
    asm.link(ask, decision);
    for (const exit of exits)
      asm.exit({ node: decision, outlet: exit.handle, ...(exit.next ? { next: exit.next } : {}) });
    // No condition holds: NoMatchingCondition, else the default way (a Lex bot's NextAction).
    const noMatch = errorTarget(action, "NoMatchingCondition");
    const fallback = noMatch ?? action.Transitions.NextAction;
    asm.exit({ node: decision, outlet: "else", ...(fallback ? { next: fallback } : {}), outcome: "failed" });
    const next = action.Transitions.NextAction;
    if (noMatch && next && next !== noMatch) {
      found.lost(
        "branch-left-out",
        `its default branch (to ${next}) is left out: an answer no condition holds leaves by NoMatchingCondition`,
      );
      asm.lostBranchTo(next);
    }
  }
  const noMatch = errorTarget(action, "NoMatchingCondition");
  if (conditions.length === 0 && noMatch) {
    found.note.push("its NoMatchingCondition branch is not needed: it branches on no condition");
    asm.unneededBranchTo(noMatch);
  }
  dropErrors(
    asm,
    found,
    action,
    [...(timeout ? ["InputTimeLimitExceeded"] : []), "NoMatchingCondition"],
    "an ask has no such way out",
  );
  found.note.push(`the answer is stored in "${variable}"`);
  if (kind === "Lex") {
    const bot = action.Parameters.LexV2Bot ?? action.Parameters.LexBot;
    const alias =
      typeof bot === "object" && bot !== null
        ? (str((bot as { AliasArn?: unknown }).AliasArn) ?? str((bot as { Name?: unknown }).Name))
        : undefined;
    found.note.push(`the bot${alias ? ` (${alias})` : ""} is the integrator's to run: the answer is the intent's name`);
  }
  found.record();
}

export function convertGetInput(context: ActionContext): void {
  const { action } = context;
  const stored = str(action.Parameters.StoreInput)?.toLowerCase() === "true";
  const variable = stored
    ? "StoredCustomerInput"
    : variableName(`input_${action.Identifier.replace(/[^A-Za-z0-9]/g, "").slice(0, 8)}`);
  const timeout = secondsDuration(action.Parameters.InputTimeLimitSeconds ?? 5);
  askAndBranch(context, variable, timeout, "input");
}

export function convertLexBot(context: ActionContext): void {
  // A bot that times out (InputTimeLimitExceeded) waits for LexTimeoutSeconds, Lex's own default 300 s.
  const { Parameters, Transitions } = context.action;
  const limit = Parameters.LexTimeoutSeconds;
  const seconds = typeof limit === "object" && limit !== null ? (limit as { Text?: unknown }).Text : undefined;
  const timesOut = Transitions.Errors.some((e) => e.ErrorType === "InputTimeLimitExceeded" && e.NextAction);
  askAndBranch(context, "Lex_IntentName", timesOut ? (secondsDuration(seconds ?? 300) ?? "PT300S") : undefined, "Lex");
}

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
