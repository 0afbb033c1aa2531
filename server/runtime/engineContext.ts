// What every part of the engine works with: the database, the caches, and what the
// layers above pass in (the runtime never imports a service: customers and Idempotency-Key claims are
// services' business, handed to the engine when it is created, see server/services/runtimeEngine.ts).
import "server-only";
import type { JsonValue } from "../../flows";
import type { SqlClient, SqlQuery } from "../db/sqlClient";
import type { FlowVersionCache } from "./flowVersionCache";
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
  scripts: RuntimeScripts;
  concurrency: Concurrency;
  dependencies: EngineDependencies;
};
