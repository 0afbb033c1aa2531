// Starting an interaction: pick the version, resolve the customer, pure startFlow,
// plan the effects, render the scripts, one insert.
import "server-only";
import { randomUUID } from "node:crypto";
import {
  currentStep,
  interactionStatus,
  persistSnapshot,
  startFlow,
  type JsonValue,
  type PersistedFlowSnapshot,
} from "../../flows";
import type { SqlQuery } from "../db/sqlClient";
import { AppError } from "../errors/appError";
import type { Caller, CustomerRef, EngineContext, HeldClaim, ResolvedCustomer } from "./engineContext";
import { findVersionAndCustomer } from "./findVersion";
import type { LoadedFlowVersion } from "./flowVersionCache";
import type { InteractionRow } from "./interactionRow";
import { interactionView, type InteractionView, type StepScriptText } from "./interactionView";
import { markClaimApplied } from "./markClaimApplied";
import { planStepRows } from "./planStepRows";
import { renderStepScripts } from "./renderStepScripts";
import { stepExtras } from "./stepExtras";
import { writeStart, type StartWrite } from "./writeTransition";
import { prepareVerificationCodes } from "./verificationCodes";

export type StartInput = {
  flow: string;
  version?: number;
  customer?: CustomerRef;
  channel: string;
  context?: { [name: string]: JsonValue };
};

/** `idempotency`: the Idempotency-Key claim this request holds; the start is marked with it atomically. */
export async function startInteraction(
  context: EngineContext,
  caller: Caller,
  input: StartInput,
  options: { idempotency?: HeldClaim } = {},
): Promise<InteractionView> {
  const { sql, versions, dependencies } = context;
  const found = await findVersionAndCustomer(sql.query, caller.workspaceId, input.flow, input.version, input.customer);
  const version = await versions.get(found.versionId);
  if (!(version.document.channels as readonly string[]).includes(input.channel)) {
    throw new AppError("CHANNEL_NOT_SUPPORTED", {
      detail: `Flow "${input.flow}" runs on ${version.document.channels.join(", ")}, not on "${input.channel}".`,
      extensions: { channels: version.document.channels },
    });
  }
  // One round trip found both when the customer exists; a new one is created now (after the checks).
  const customer =
    found.customer ??
    (input.customer ? await dependencies.resolveCustomer(sql.query, caller.workspaceId, input.customer) : undefined);
  const claim = options.idempotency;
  const vars = input.context ?? {};
  const started = claim
    ? await sql.transaction((query) =>
        startWithRow(context, caller, version, input.channel, customer, vars, query, claim),
      )
    : await startWithRow(context, caller, version, input.channel, customer, vars);
  context.rows.put(started.row); // committed: its first event may skip the read (interactionRowCache.ts)
  return started.view;
}

/** A start planned (pure startFlow, its rows and rendered scripts) but not written yet. */
export type PlannedStart = {
  write: StartWrite;
  snapshot: ReturnType<typeof startFlow>["snapshot"];
  scriptText: StepScriptText;
};

/**
 * Plans a start whose version and customer are known: everything but the write, so that the start
 * triggers can write many in one statement (./writeStarts.ts). Queries only for a one-time code the
 * start sends at once, or a script the cache does not hold.
 */
export async function planStart(
  context: EngineContext,
  caller: Caller,
  version: LoadedFlowVersion,
  channel: string,
  customer: ResolvedCustomer | undefined,
  vars: { [name: string]: JsonValue },
  query: SqlQuery = context.sql.query,
): Promise<PlannedStart> {
  const flowInput = { vars, customer: customer?.context ?? {} };
  const { snapshot, effects } = startFlow(version.machine, flowInput);
  const id = randomUUID();
  const testClock = caller.mode === "test" ? new Date() : null;
  const clock = testClock ? testClock.getTime() : Date.now();
  const status = interactionStatus(snapshot);
  const outcome = snapshot.context.outcome ?? null;
  const plan = planStepRows({
    effects,
    clock,
    context: snapshot.context,
    flowChannels: version.document.channels,
    interactionId: id,
    flowKey: version.flowKey,
    customerId: customer?.externalId ?? null,
    channel,
    status,
    outcome,
    pathLength: 0,
    openPath: {},
  });
  await prepareVerificationCodes(
    query,
    customer?.rowId ?? null,
    plan,
    { interactionId: id, flow: version.flowKey, customer: customer ? { id: customer.externalId } : null },
    clock,
  );
  const scriptText = await renderStepScripts(context.scripts, query, caller.workspaceId, snapshot, plan, id);
  const write: StartWrite = {
    id,
    workspaceId: caller.workspaceId,
    flowVersionId: version.id,
    flowKey: version.flowKey,
    version: version.version,
    status,
    channel: plan.channel ?? channel,
    customerId: customer?.rowId ?? null,
    snapshot: persistSnapshot(version.machine, snapshot),
    context: snapshot.context.vars,
    currentNode: currentStep(snapshot)?.node ?? null,
    outcome,
    testClock,
    // The channel it started on, kept with the start: a handoff changes the interaction's channel later,
    // and analytics counts an interaction on the channel it started on.
    input: { ...flowInput, channel },
    plan,
  };
  return { write, snapshot, scriptText };
}

/** A start whose version and customer are known (event triggers and interaction-end events resolve them). */
export async function startResolved(
  context: EngineContext,
  caller: Caller,
  version: LoadedFlowVersion,
  channel: string,
  customer: ResolvedCustomer | undefined,
  vars: { [name: string]: JsonValue },
  /** The connection to write through: a caller's open transaction, else the pool. */
  query: SqlQuery = context.sql.query,
  /** Marked applied with the write (`query` must then be a transaction). */
  claim?: HeldClaim,
): Promise<InteractionView> {
  return (await startWithRow(context, caller, version, channel, customer, vars, query, claim)).view;
}

/** startResolved, with the row as written (for the row cache, once the caller knows it committed). */
async function startWithRow(
  context: EngineContext,
  caller: Caller,
  version: LoadedFlowVersion,
  channel: string,
  customer: ResolvedCustomer | undefined,
  vars: { [name: string]: JsonValue },
  query: SqlQuery = context.sql.query,
  claim?: HeldClaim,
): Promise<{ view: InteractionView; row: InteractionRow }> {
  const { write, snapshot, scriptText } = await planStart(context, caller, version, channel, customer, vars, query);
  const createdAt = await writeStart(query, write);
  const persisted = write.snapshot as PersistedFlowSnapshot;
  if (claim) await markClaimApplied(context.dependencies, query, claim, write.id);
  const row: InteractionRow = {
    id: write.id,
    workspace_id: caller.workspaceId,
    flow_version_id: version.id,
    flow_key: version.flowKey,
    version: version.version,
    status: interactionStatus(snapshot),
    channel: write.channel,
    customer_id: write.customerId,
    customer_external_id: customer?.externalId ?? null,
    // As the database holds them: persistSnapshot's plain JSON copy, which nothing else holds (the view
    // shares the live snapshot's objects, not these) and whose `context.vars` is the column's value.
    snapshot: persisted as unknown as InteractionRow["snapshot"],
    context: persisted.context.vars as InteractionRow["context"],
    current_node: write.currentNode,
    seq: 0,
    path_length: write.plan.enter.length,
    open_path: write.plan.openPath,
    outcome: write.outcome,
    test_clock: write.testClock,
    created_at: createdAt,
    updated_at: createdAt, // both default to the statement's now()
  };
  const view = interactionView(
    {
      id: write.id,
      flowKey: version.flowKey,
      version: version.version,
      status: interactionStatus(snapshot),
      outcome: write.outcome,
      channel: write.channel,
      customerExternalId: customer?.externalId ?? null,
      context: write.context,
      testClock: write.testClock,
      createdAt,
      updatedAt: createdAt,
    },
    snapshot,
    await stepExtras(query, write.id, snapshot, scriptText, write.plan),
  );
  return { view, row };
}
