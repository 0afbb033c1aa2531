// What every part of the engine works with: the database, the caches, and what the
// layers above pass in (the runtime never imports a service: customers and Idempotency-Key claims are
// services' business, handed to the engine when it is created, see server/services/runtimeEngine.ts).
import "server-only";
import type { JsonValue } from "../../flows";
import type { SqlClient, SqlQuery } from "../db/sqlClient";
import type { FlowVersionCache } from "./flowVersionCache";
import type { InteractionRowCache } from "./interactionRowCache";
import type { RuntimeScripts } from "./runtimeScripts";

/** Who is asking: a workspace, through a live or a test API key. */
export type Caller = { workspaceId: string; mode: "live" | "test" };

export type Concurrency = "optimistic" | "lock";

/** A start's customer: by its id, or by a channel address (omnichannel identity). */
export type CustomerRef = { id: string } | { channel: string; address: string };

/** A customer row as a start needs it: the row id, the external id, and what the flow sees as `customer`. */
export type ResolvedCustomer = { rowId: string; externalId: string; context: { [key: string]: JsonValue } };

/** An Idempotency-Key claim this request holds: the engine marks it applied with its write. */
export type HeldClaim = { id: string; owner: string };

/**
 * An Idempotency-Key not claimed yet (an event's). The engine's first try claims it, writes the step and
 * stores the answer in one statement, then calls `stored()`; when that cannot be (the key exists, a lost
 * race, a refused event, a step whose answer needs another read) it calls `claim()` and goes the held
 * way. `claim()` throws when the key is not this request's to run (a replay, another body, in flight):
 * the caller answers from the key then.
 */
export type UnclaimedKey = {
  key: string;
  /** requestHash of the request (services/idempotency.ts). */
  hash: string;
  /** The HTTP status the answer is stored with. */
  status: number;
  claim(): Promise<HeldClaim>;
  stored(): void;
};

export type EngineDependencies = {
  /** Finds the customer a start names, creating a bare one when there is none. */
  resolveCustomer(query: SqlQuery, workspaceId: string, ref: CustomerRef): Promise<ResolvedCustomer>;
  /**
   * Inside the transaction of a write: records that the claim's request took effect on `interactionId`.
   * False when this attempt no longer owns the claim (the write must then roll back).
   */
  markIdempotencyApplied(query: SqlQuery, claim: HeldClaim, interactionId: string): Promise<boolean>;
};

export type EngineContext = {
  sql: SqlClient;
  versions: FlowVersionCache;
  /** Live interactions as this process last wrote them (interactionRowCache.ts). */
  rows: InteractionRowCache;
  scripts: RuntimeScripts;
  concurrency: Concurrency;
  dependencies: EngineDependencies;
};
