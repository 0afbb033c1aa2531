// What every Connect action converter shares: its context and the helpers to read an action's transitions.
import type { Declare } from "../conversionTypes";
import type { FlowAssembler, Position } from "../flowAssembler";
import { Findings } from "../findings";
import type { ConnectAction } from "./connectFlow";

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

export const str = (value: unknown): string | undefined =>
  typeof value === "string"
    ? value
    : typeof value === "number" || typeof value === "boolean"
      ? String(value)
      : undefined;

export const below = (p: Position, step = 1): Position => ({ x: p.x, y: p.y + 130 * step });

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

export function findings(context: ActionContext): Findings {
  return new Findings(context.asm, context.action.Identifier, context.action.Type);
}

/** Every error branch with a target that is not kept is reported; NoMatchingError (Connect's catch-all) is noted. */
export function dropErrors(
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

export function errorTarget(action: ConnectAction, type: string): string | undefined {
  return action.Transitions.Errors.find((e) => e.ErrorType === type)?.NextAction || undefined;
}

export function exitNext(context: ActionContext, node: string, outlet?: string, outcome?: string): void {
  const next = context.action.Transitions.NextAction;
  context.asm.exit({ node, ...(outlet ? { outlet } : {}), ...(next ? { next } : {}), ...(outcome ? { outcome } : {}) });
}
