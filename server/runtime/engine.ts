// Server-only module: the engine. Per event: read the row, restore the snapshot, pure transitionFlow, and one
// guarded write of snapshot + event + timers + outbox (optimistic: `WHERE seq = expected`, retried on
// conflict), or the same under `SELECT … FOR UPDATE` (`concurrency: "lock"`; bench/runtime.ts compares).
import { randomUUID } from "node:crypto";
import {
  interactionStatus,
  persistSnapshot,
  restoreSnapshot,
  startFlow,
  transitionFlow,
  currentStep,
  type FlowEvent,
  type FlowSnapshot,
  type JsonValue,
} from "../../flows";
import { AppError } from "../services/appError";
import { resolveCustomer, type CustomerRef } from "../services/customers";
import { markIdempotencyApplied, type HeldClaim } from "../services/idempotency";
import { createFlowVersionCache, type FlowVersionCache, type LoadedFlowVersion } from "./flowVersionCache";
import {
  interactionRowSchema,
  isUuid,
  persistedSnapshotOf,
  SELECT_INTERACTION,
  type InteractionRow,
} from "./interactionRow";
import { interactionView, type InteractionView } from "./interactionView";
import { planStepRows, type StepRows } from "./planStepRows";
import { createRuntimeScripts, scriptTextJson, type RuntimeScripts } from "../services/scripts/runtimeScripts";
import type { SqlClient, SqlQuery } from "./sqlClient";
import { writeStart, writeStep } from "./writeStep";

/** Who is asking: a workspace, through a live or a test API key. */
export type Caller = { workspaceId: string; mode: "live" | "test" };

export type StartInput = {
  flow: string;
  version?: number;
  customer?: CustomerRef;
  channel: string;
  context?: { [name: string]: JsonValue };
};

export type Concurrency = "optimistic" | "lock";

/** Applying one event to a loaded row: refused, written, or lost to a concurrent writer. */
export type StepOutcome =
  | { kind: "written"; view: InteractionView }
  | { kind: "refused"; reason: "ended" | "not-accepted"; accepts: string[]; message: string }
  | { kind: "stale" };

const MAX_ATTEMPTS = 100;

export type Engine = ReturnType<typeof createEngine>;

export function createEngine(
  sql: SqlClient,
  options: { concurrency?: Concurrency; versions?: FlowVersionCache; scripts?: RuntimeScripts } = {},
) {
  const versions = options.versions ?? createFlowVersionCache(sql);
  const scripts = options.scripts ?? createRuntimeScripts();

  /**
   * Renders the scripts of the step entered (for the view) and of the queued messages (into their
   * outbox payload, so a message says what it said when it was queued), from approved versions only.
   */
  async function renderScripts(
    query: SqlQuery,
    workspaceId: string,
    snapshot: FlowSnapshot,
    plan: StepRows | undefined,
    seed: string,
  ) {
    const step = currentStep(snapshot)?.script;
    const texts = await scripts.prepare(query, workspaceId, [
      step,
      ...(plan?.outbox ?? []).map((o) => (typeof o.payload.script === "string" ? o.payload.script : undefined)),
    ]);
    for (const item of plan?.outbox ?? []) {
      const rendered =
        typeof item.payload.script === "string"
          ? texts.render(item.payload.script, item.channel, snapshot.context, seed)
          : undefined;
      if (rendered) Object.assign(item.payload, { text: rendered.text, rendered: scriptTextJson(rendered) });
    }
    return (key: string, channel: string) => texts.render(key, channel, snapshot.context, seed)?.text;
  }
  const concurrency = options.concurrency ?? "optimistic";

  async function readRow(
    query: SqlQuery,
    caller: Caller,
    id: string,
    lock = false,
  ): Promise<InteractionRow | undefined> {
    if (!isUuid(id)) return undefined;
    const rows = await query(lock ? `${SELECT_INTERACTION} for update of i` : SELECT_INTERACTION, [
      id,
      caller.workspaceId,
      caller.mode === "test",
    ]);
    return rows[0] === undefined ? undefined : interactionRowSchema.parse(rows[0]);
  }

  /** Steps the row's snapshot with `event` and writes the result guarded by the row's seq. */
  async function applyEvent(
    query: SqlQuery,
    row: InteractionRow,
    event: FlowEvent,
    step: { fromClock?: boolean; clock?: number } = {},
  ): Promise<StepOutcome> {
    const version = await versions.get(row.flow_version_id, query);
    const snapshot = restoreSnapshot(version.machine, persistedSnapshotOf(row));
    const result = transitionFlow(version.machine, snapshot, event, { fromClock: step.fromClock });
    if (!result.accepted)
      return { kind: "refused", reason: result.reason, accepts: result.accepts, message: result.message };
    const next = result.snapshot;
    const clock = step.clock ?? (row.test_clock ? row.test_clock.getTime() : Date.now());
    const testClock = row.test_clock ? new Date(clock) : null;
    const plan = planStepRows({
      effects: result.effects,
      clock,
      context: next.context,
      flowChannels: version.document.channels,
      interactionId: row.id,
      flowKey: row.flow_key,
      customerId: row.customer_external_id,
    });
    const scriptText = await renderScripts(query, row.workspace_id, next, plan, row.id);
    const status = interactionStatus(next);
    const outcome = next.context.outcome ?? null;
    const written = await writeStep(query, {
      interactionId: row.id,
      expectedSeq: row.seq,
      snapshot: persistSnapshot(version.machine, next),
      context: next.context.vars,
      currentNode: currentStep(next)?.node ?? null,
      status,
      outcome,
      testClock,
      event: { type: event.type, data: event.data ?? null, fromNode: row.current_node },
      plan,
    });
    if (!written) return { kind: "stale" };
    const view = interactionView(
      {
        id: row.id,
        flowKey: row.flow_key,
        version: row.version,
        status,
        outcome,
        channel: row.channel,
        customerExternalId: row.customer_external_id,
        context: next.context.vars,
        testClock,
        createdAt: row.created_at,
        updatedAt: written.updatedAt,
      },
      next,
      scriptText,
    );
    return { kind: "written", view };
  }

  function refusal(outcome: Extract<StepOutcome, { kind: "refused" }>): AppError {
    if (outcome.reason === "ended") return new AppError("INTERACTION_ENDED", { detail: outcome.message });
    return new AppError("EVENT_NOT_ACCEPTED", { detail: outcome.message, extensions: { accepts: outcome.accepts } });
  }

  /**
   * Inside the transaction of a write made under an Idempotency-Key: records that it took effect, or
   * throws (rolling the write back) when this attempt no longer owns the key.
   */
  async function markApplied(query: SqlQuery, claim: HeldClaim, interactionId: string): Promise<void> {
    if (!(await markIdempotencyApplied(query, claim, interactionId))) {
      throw new AppError("IDEMPOTENCY_KEY_IN_USE", {
        detail: "Another attempt holds this Idempotency-Key now; nothing was changed.",
      });
    }
  }

  /** `idempotency`: the Idempotency-Key claim this request holds; the start is marked with it atomically. */
  async function start(
    caller: Caller,
    input: StartInput,
    options: { idempotency?: HeldClaim } = {},
  ): Promise<InteractionView> {
    const versionId = await findVersion(sql.query, caller.workspaceId, input.flow, input.version);
    const version = await versions.get(versionId);
    if (!(version.document.channels as readonly string[]).includes(input.channel)) {
      throw new AppError("CHANNEL_NOT_SUPPORTED", {
        detail: `Flow "${input.flow}" runs on ${version.document.channels.join(", ")}, not on "${input.channel}".`,
        extensions: { channels: version.document.channels },
      });
    }
    const customer = input.customer ? await resolveCustomer(sql.query, caller.workspaceId, input.customer) : undefined;
    const claim = options.idempotency;
    if (!claim) return startResolved(caller, version, input.channel, customer, input.context ?? {});
    return sql.transaction((query) =>
      startResolved(caller, version, input.channel, customer, input.context ?? {}, query, claim),
    );
  }

  async function startResolved(
    caller: Caller,
    version: LoadedFlowVersion,
    channel: string,
    customer: { rowId: string; externalId: string; context: { [key: string]: JsonValue } } | undefined,
    vars: { [name: string]: JsonValue },
    /** The connection to write through: a caller's open transaction (the start triggers'), else the pool. */
    query: SqlQuery = sql.query,
    /** Marked applied with the write (`query` must then be a transaction). */
    claim?: HeldClaim,
  ): Promise<InteractionView> {
    const flowInput = { vars, customer: customer?.context ?? {} };
    const { snapshot, effects } = startFlow(version.machine, flowInput);
    const id = randomUUID();
    const testClock = caller.mode === "test" ? new Date() : null;
    const clock = testClock ? testClock.getTime() : Date.now();
    const plan = planStepRows({
      effects,
      clock,
      context: snapshot.context,
      flowChannels: version.document.channels,
      interactionId: id,
      flowKey: version.flowKey,
      customerId: customer?.externalId ?? null,
    });
    const scriptText = await renderScripts(query, caller.workspaceId, snapshot, plan, id);
    const status = interactionStatus(snapshot);
    const outcome = snapshot.context.outcome ?? null;
    const createdAt = await writeStart(query, {
      id,
      workspaceId: caller.workspaceId,
      flowVersionId: version.id,
      flowKey: version.flowKey,
      version: version.version,
      status,
      channel,
      customerId: customer?.rowId ?? null,
      snapshot: persistSnapshot(version.machine, snapshot),
      context: snapshot.context.vars,
      currentNode: currentStep(snapshot)?.node ?? null,
      outcome,
      testClock,
      input: flowInput,
      plan,
    });
    if (claim) await markApplied(query, claim, id);
    return interactionView(
      {
        id,
        flowKey: version.flowKey,
        version: version.version,
        status,
        outcome,
        channel,
        customerExternalId: customer?.externalId ?? null,
        context: snapshot.context.vars,
        testClock,
        createdAt,
        updatedAt: createdAt,
      },
      snapshot,
      scriptText,
    );
  }

  /** `idempotency`: the Idempotency-Key claim this request holds; the event is marked with it atomically. */
  async function send(
    caller: Caller,
    id: string,
    event: FlowEvent,
    options: { idempotency?: HeldClaim } = {},
  ): Promise<InteractionView> {
    const claim = options.idempotency;
    const attempt = async (query: SqlQuery, lock: boolean): Promise<StepOutcome> => {
      const row = await readRow(query, caller, id, lock);
      const outcome = await stepRow(query, row, id, event);
      if (outcome.kind === "written" && claim) await markApplied(query, claim, id);
      return outcome;
    };
    if (concurrency === "lock") {
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
      if (tries >= MAX_ATTEMPTS)
        throw new AppError("CONCURRENT_UPDATE", { detail: `Gave up after ${tries} attempts.` });
      // Lost the race: back off a little (more, the more we lose) and read again.
      if (tries > 2) await sleep(Math.random() * Math.min(50, tries * 2));
    }
  }

  async function stepRow(
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
    const outcome = await applyEvent(query, row, event);
    if (outcome.kind === "refused") throw refusal(outcome);
    return outcome;
  }

  async function get(caller: Caller, id: string): Promise<InteractionView> {
    const row = await readRow(sql.query, caller, id);
    if (!row) throw new AppError("INTERACTION_NOT_FOUND", { detail: `No interaction ${id} in this workspace.` });
    return viewOfRow(row);
  }

  async function viewOfRow(row: InteractionRow): Promise<InteractionView> {
    const version = await versions.get(row.flow_version_id);
    const snapshot: FlowSnapshot = restoreSnapshot(version.machine, persistedSnapshotOf(row));
    const scriptText = await renderScripts(sql.query, row.workspace_id, snapshot, undefined, row.id);
    return interactionView(
      {
        id: row.id,
        flowKey: row.flow_key,
        version: row.version,
        status: row.status,
        outcome: row.outcome,
        channel: row.channel,
        customerExternalId: row.customer_external_id,
        context: row.context,
        testClock: row.test_clock,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      },
      snapshot,
      scriptText,
    );
  }

  return { sql, versions, scripts, readRow, applyEvent, start, startResolved, send, get, viewOfRow };
}

/** The published version to start: the one asked for, else the latest. */
export async function findVersion(
  query: SqlQuery,
  workspaceId: string,
  flowKey: string,
  version?: number,
): Promise<string> {
  const rows = await query<{ id: string }>(
    `select v.id from flow_versions v join flows f on f.id = v.flow_id
     where f.workspace_id = $1 and f.key = $2 and ($3::int is null or v.version = $3::int)
     order by v.version desc limit 1`,
    [workspaceId, flowKey, version ?? null],
  );
  const id = rows[0]?.id;
  if (!id) {
    throw new AppError("FLOW_NOT_FOUND", {
      detail:
        version === undefined
          ? `No published flow "${flowKey}" in this workspace.`
          : `Flow "${flowKey}" has no published version ${version}.`,
    });
  }
  return id;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
