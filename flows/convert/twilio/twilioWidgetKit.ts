// What every Twilio widget converter shares: its context and the helpers to read a widget's transitions.
import type { Channel } from "../../schema/common";
import type { ScriptChannel } from "../../schema/scriptDocument";
import type { FlowAssembler, Position } from "../flowAssembler";
import type { Declare } from "../conversionTypes";
import type { Findings } from "../findings";
import { outcomeFor } from "../outcomes";
import type { TwilioState } from "./twilioDefinition";

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

export const str = (value: unknown): string | undefined =>
  typeof value === "string"
    ? value
    : typeof value === "number" || typeof value === "boolean"
      ? String(value)
      : undefined;

export function nextOf(state: TwilioState, event: string): string | undefined {
  const next = state.transitions.find((t) => t.event === event)?.next;
  return next === undefined || next === "" ? undefined : next;
}

/** Reports every transition with a target that the node cannot take. */
export function dropOthers(
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

export function exitOn(context: WidgetContext, node: string, event: string, outlet?: string, outcome?: string): void {
  const next = nextOf(context.state, event);
  context.asm.exit({
    node,
    ...(outlet !== undefined ? { outlet } : {}),
    ...(next !== undefined ? { next } : {}),
    outcome: outcome ?? outcomeFor(event),
  });
}

export const below = (p: Position, step = 1): Position => ({ x: p.x, y: p.y + 130 * step });

export function localeOf(value: unknown): string | undefined {
  const text = str(value);
  return text !== undefined && /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$/.test(text) ? text : undefined;
}
