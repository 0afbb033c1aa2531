// Connect actions that speak or ask: MessageParticipant, GetParticipantInput, ConnectParticipantWithLexBot.
import { eventPart, secondsDuration, uniqueName, variableName } from "../naming";
import type { ActionContext } from "./connectActionKit";
import { below, dropErrors, errorTarget, exitNext, findings, str } from "./connectActionKit";
import { connectConditionExpression } from "./connectPaths";

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
