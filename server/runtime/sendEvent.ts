// An event sent to an interaction: read the row (or take the one this process last wrote), apply the
// event, write; on a lost race (optimistic: `WHERE seq = expected`) read again, or hold the row
// (`concurrency: "lock"`). Under an Idempotency-Key not claimed yet, the first try claims it, writes
// and stores the answer in the step's one statement; anything else falls back to claiming it first.
import "server-only";
import { randomUUID } from "node:crypto";
import { VERIFY_SUBMITTED_EVENT, type FlowEvent } from "../../flows";
import type { SqlQuery } from "../db/sqlClient";
import { AppError } from "../errors/appError";
import { applyEvent, type StepAnswer, type StepOutcome } from "./applyEvent";
import type { Caller, EngineContext, HeldClaim, UnclaimedKey } from "./engineContext";
import type { InteractionRow } from "./interactionRow";
import type { InteractionView } from "./interactionView";
import { markClaimApplied } from "./markClaimApplied";
import { readInteraction } from "./readInteraction";

const MAX_ATTEMPTS = 100;

/**
 * `idempotency`: the Idempotency-Key claim this request holds (the event is marked with it atomically),
 * or a key not claimed yet (UnclaimedKey).
 */
export async function sendEvent(
  context: EngineContext,
  caller: Caller,
  id: string,
  event: FlowEvent,
  options: { idempotency?: HeldClaim | UnclaimedKey } = {},
): Promise<InteractionView> {
  const key = options.idempotency;
  if (key === undefined || !("claim" in key)) return sendHeld(context, caller, id, event, key);
  const answered = lockedStep(context, event) ? undefined : await answerInOneStatement(context, caller, id, event, key);
  return answered ?? sendHeld(context, caller, id, event, await key.claim());
}

/** A one-time code is decided and its attempt counted with the step, atomically: under the row's lock. */
function lockedStep(context: EngineContext, event: FlowEvent): boolean {
  return context.concurrency === "lock" || event.type === VERIFY_SUBMITTED_EVENT;
}

async function sendHeld(
  context: EngineContext,
  caller: Caller,
  id: string,
  event: FlowEvent,
  claim: HeldClaim | undefined,
): Promise<InteractionView> {
  const { sql } = context;
  const attempt = async (query: SqlQuery, row: InteractionRow | undefined): Promise<StepOutcome> => {
    const outcome = await stepRow(context, query, row, id, event);
    if (outcome.kind === "written" && claim) await markClaimApplied(context.dependencies, query, claim, id);
    return outcome;
  };
  const written = (outcome: StepOutcome & { kind: "written" }) => {
    // Committed by now (the statement, or the transaction around it): the cache may hold it.
    if (outcome.row) context.rows.put(outcome.row);
    return outcome.view;
  };
  if (lockedStep(context, event)) {
    const outcome = await sql.transaction(async (query) =>
      attempt(query, await readInteraction(query, caller, id, true)),
    );
    if (outcome.kind !== "written") throw new Error("a locked row went stale");
    return written(outcome);
  }
  // The row this process last wrote saves the read; only a write checks it (see interactionRowCache.ts).
  const cached = context.rows.get(caller, id);
  if (cached) {
    const outcome = await (
      claim ? sql.transaction((query) => attempt(query, cached)) : attempt(sql.query, cached)
    ).catch((error: unknown) => {
      if (error instanceof AppError && error.code !== "IDEMPOTENCY_KEY_IN_USE") return undefined; // refused: ask the database
      throw error;
    });
    if (outcome?.kind === "written") return written(outcome);
    context.rows.drop(id);
  }
  for (let tries = 1; ; tries++) {
    // Under an Idempotency-Key the write and its mark commit together; otherwise one statement suffices.
    const outcome = claim
      ? await sql.transaction(async (query) => attempt(query, await readInteraction(query, caller, id)))
      : await attempt(sql.query, await readInteraction(sql.query, caller, id));
    if (outcome.kind === "written") return written(outcome);
    if (tries >= MAX_ATTEMPTS) throw new AppError("CONCURRENT_UPDATE", { detail: `Gave up after ${tries} attempts.` });
    // Lost the race: back off a little (more, the more we lose) and read again.
    if (tries > 2) await sleep(Math.random() * Math.min(50, tries * 2));
  }
}

/**
 * The first try under a key not claimed yet: the claim, the guarded write and the stored answer in one
 * statement. Undefined (nothing written, the key not touched) when that cannot be: the key exists or was
 * taken meanwhile, the seq moved, the event is refused here, or the step's answer needs another read.
 */
async function answerInOneStatement(
  context: EngineContext,
  caller: Caller,
  id: string,
  event: FlowEvent,
  key: UnclaimedKey,
): Promise<InteractionView | undefined> {
  const query = context.sql.query;
  const row = context.rows.get(caller, id) ?? (await readInteraction(query, caller, id));
  if (!row || row.status === "completed" || row.status === "failed") return undefined;
  const answer: StepAnswer = {
    workspaceId: caller.workspaceId,
    key: key.key,
    hash: key.hash,
    owner: randomUUID(),
    status: key.status,
  };
  const outcome = await applyEvent(context, query, row, event, { answer }).catch((error: unknown) => {
    if (error instanceof AppError) return undefined; // the slow way answers it, and stores that answer
    throw error;
  });
  if (outcome?.kind !== "written") {
    context.rows.drop(id); // perhaps stale: the slow way reads the row
    return undefined;
  }
  if (outcome.row) context.rows.put(outcome.row);
  key.stored();
  return outcome.view;
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
