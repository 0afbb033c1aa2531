// An event sent to an interaction: read the row, apply the event, write; on a lost
// race (optimistic: `WHERE seq = expected`) read again, or hold the row (`concurrency: "lock"`).
import "server-only";
import { VERIFY_SUBMITTED_EVENT, type FlowEvent } from "../../flows";
import type { SqlQuery } from "../db/sqlClient";
import { AppError } from "../errors/appError";
import { applyEvent, type StepOutcome } from "./applyEvent";
import type { Caller, EngineContext, HeldClaim } from "./engineContext";
import type { InteractionRow } from "./interactionRow";
import type { InteractionView } from "./interactionView";
import { markClaimApplied } from "./markClaimApplied";
import { readInteraction } from "./readInteraction";

const MAX_ATTEMPTS = 100;

/** `idempotency`: the Idempotency-Key claim this request holds; the event is marked with it atomically. */
export async function sendEvent(
  context: EngineContext,
  caller: Caller,
  id: string,
  event: FlowEvent,
  options: { idempotency?: HeldClaim } = {},
): Promise<InteractionView> {
  const { sql } = context;
  const claim = options.idempotency;
  const attempt = async (query: SqlQuery, lock: boolean): Promise<StepOutcome> => {
    const row = await readInteraction(query, caller, id, lock);
    const outcome = await stepRow(context, query, row, id, event);
    if (outcome.kind === "written" && claim) await markClaimApplied(context.dependencies, query, claim, id);
    return outcome;
  };
  // A one-time code is decided and its attempt counted with the step, atomically: under the row's lock.
  if (context.concurrency === "lock" || event.type === VERIFY_SUBMITTED_EVENT) {
    return sql.transaction(async (query) => {
      const outcome = await attempt(query, true);
      if (outcome.kind !== "written") throw new Error("a locked row went stale");
      return outcome.view;
    });
  }
  for (let tries = 1; ; tries++) {
    // Under an Idempotency-Key the write and its mark commit together; otherwise one statement suffices.
    const outcome = claim ? await sql.transaction((query) => attempt(query, false)) : await attempt(sql.query, false);
    if (outcome.kind === "written") return outcome.view;
    if (tries >= MAX_ATTEMPTS) throw new AppError("CONCURRENT_UPDATE", { detail: `Gave up after ${tries} attempts.` });
    // Lost the race: back off a little (more, the more we lose) and read again.
    if (tries > 2) await sleep(Math.random() * Math.min(50, tries * 2));
  }
}

/** The row's event applied; a missing or ended row, or a refused event, throws the AppError the API answers. */
async function stepRow(
  context: EngineContext,
  query: SqlQuery,
  row: InteractionRow | undefined,
  id: string,
  event: FlowEvent,
): Promise<StepOutcome> {
  if (!row) throw new AppError("INTERACTION_NOT_FOUND", { detail: `No interaction ${id} in this workspace.` });
  if (row.status === "completed" || row.status === "failed") {
    throw new AppError("INTERACTION_ENDED", {
      detail: `Interaction ${id} has ${row.status}${row.outcome ? ` (outcome ${row.outcome})` : ""}.`,
    });
  }
  const outcome = await applyEvent(context, query, row, event);
  if (outcome.kind === "refused") throw refusal(outcome);
  return outcome;
}

function refusal(outcome: Extract<StepOutcome, { kind: "refused" }>): AppError {
  if (outcome.reason === "ended") return new AppError("INTERACTION_ENDED", { detail: outcome.message });
  return new AppError("EVENT_NOT_ACCEPTED", { detail: outcome.message, extensions: { accepts: outcome.accepts } });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
