// The engine. Per event: read the row, restore the snapshot, pure transitionFlow, and one
// guarded write of snapshot + event + timers + outbox (optimistic: `WHERE seq = expected`, retried on
// conflict), or the same under `SELECT … FOR UPDATE` (`concurrency: "lock"`; bench/runtime.ts compares).
// Each part is its own module (startInteraction, sendEvent, applyEvent, …); this one binds them to one
// database, its caches and the dependencies the services layer passes in.
import "server-only";
import type { FlowEvent, JsonValue } from "../../flows";
import type { SqlClient, SqlQuery } from "../db/sqlClient";
import { applyEvent, prepareStep } from "./applyEvent";
import type {
  Caller,
  EngineContext,
  EngineDependencies,
  HeldClaim,
  ResolvedCustomer,
  UnclaimedKey,
} from "./engineContext";
import { createFlowVersionCache, type FlowVersionCache, type LoadedFlowVersion } from "./flowVersionCache";
import type { InteractionRow } from "./interactionRow";
import { createInteractionRowCache } from "./interactionRowCache";
import { getInteraction, interactionOfRow } from "./interactionOfRow";
import { readInteraction } from "./readInteraction";
import { createRuntimeScripts, type RuntimeScripts } from "./runtimeScripts";
import { sendEvent } from "./sendEvent";
import { planStart, startInteraction, startResolved, type StartInput } from "./startInteraction";

export type { StepOutcome } from "./applyEvent";
export type {
  Caller,
  Concurrency,
  CustomerRef,
  EngineDependencies,
  HeldClaim,
  ResolvedCustomer,
  UnclaimedKey,
} from "./engineContext";
export { findVersion } from "./findVersion";
export type { StartInput } from "./startInteraction";

export type EngineOptions = EngineDependencies & {
  concurrency?: EngineContext["concurrency"];
  /** How many live interactions' rows to keep for one-round-trip events (0: none; interactionRowCache.ts). */
  cachedRows?: number;
  versions?: FlowVersionCache;
  scripts?: RuntimeScripts;
};

export type Engine = ReturnType<typeof createEngine>;

/** A step on the interaction's clock: a timer's (`fromClock`), at `clock` ms. */
type ClockStep = { fromClock?: boolean; clock?: number };

export function createEngine(sql: SqlClient, options: EngineOptions) {
  const context: EngineContext = {
    sql,
    versions: options.versions ?? createFlowVersionCache(sql),
    rows: createInteractionRowCache(options.cachedRows),
    scripts: options.scripts ?? createRuntimeScripts(),
    concurrency: options.concurrency ?? "optimistic",
    dependencies: { resolveCustomer: options.resolveCustomer, markIdempotencyApplied: options.markIdempotencyApplied },
  };
  return {
    sql,
    versions: context.versions,
    scripts: context.scripts,
    readRow: (query: SqlQuery, caller: Caller, id: string, lock = false) => readInteraction(query, caller, id, lock),
    // A step taken here (a timer's, inside its caller's transaction) moves the row on: this process's
    // cached copy is stale from now on, whether or not that transaction commits.
    applyEvent: (query: SqlQuery, row: InteractionRow, event: FlowEvent, step: ClockStep = {}) => {
      context.rows.drop(row.id);
      return applyEvent(context, query, row, event, step);
    },
    /** A step computed but not written (a timer sweep writes its batch in one statement). */
    prepareStep: (query: SqlQuery, row: InteractionRow, event: FlowEvent, step: ClockStep = {}) => {
      context.rows.drop(row.id);
      return prepareStep(context, query, row, event, step);
    },
    start: (caller: Caller, input: StartInput, startOptions: { idempotency?: HeldClaim } = {}) =>
      startInteraction(context, caller, input, startOptions),
    startResolved: (
      caller: Caller,
      version: LoadedFlowVersion,
      channel: string,
      customer: ResolvedCustomer | undefined,
      vars: { [name: string]: JsonValue },
      query?: SqlQuery,
      claim?: HeldClaim,
    ) => startResolved(context, caller, version, channel, customer, vars, query, claim),
    /** A start planned but not written (the start triggers write a batch of them in one statement). */
    planStart: (
      caller: Caller,
      version: LoadedFlowVersion,
      channel: string,
      customer: ResolvedCustomer | undefined,
      vars: { [name: string]: JsonValue },
    ) => planStart(context, caller, version, channel, customer, vars),
    send: (
      caller: Caller,
      id: string,
      event: FlowEvent,
      sendOptions: { idempotency?: HeldClaim | UnclaimedKey } = {},
    ) => sendEvent(context, caller, id, event, sendOptions),
    get: (caller: Caller, id: string) => getInteraction(context, caller, id),
    viewOfRow: (row: InteractionRow) => interactionOfRow(context, row),
  };
}
