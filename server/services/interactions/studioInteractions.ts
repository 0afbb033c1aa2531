// Interactions as the studio reads them: the filtered list (keyset pages over millions of rows) and one
// interaction's replay (its version, path, steps with the context after each, messages and attempts).
import { isUuid } from "../../runtime/interactionRow";
import "server-only";
import { createFlowMachine, startFlow, transitionFlow, TIMER_EVENT_PREFIX, type MachineJson } from "../../../flows";
import type { Database } from "../../db/client";
import { sqlClientFor } from "../../db/sqlClient";
import { AppError } from "../../errors/appError";
import { CANCELLED_EVENT } from "../../runtime/cancelInteraction";
import { maskAddress } from "./maskAddress";

export type StudioInteractionFilter = {
  flow?: string;
  version?: number;
  status?: "active" | "waiting" | "completed" | "failed";
  outcome?: string;
  channel?: string;
  /** A customer's id, or one of their addresses. */
  customer?: string;
  from?: string;
  to?: string;
  test?: boolean;
  cursor?: string;
  limit?: number;
};

export type StudioInteractionRow = {
  id: string;
  flow: string;
  version: number;
  status: string;
  outcome: string | null;
  channel: string;
  customer: string | null;
  currentNode: string | null;
  createdAt: string;
  updatedAt: string;
};

/** The columns the list and the replay both read (LIST's, the replay's first ten). */
type InteractionListRow = {
  id: string;
  flow_key: string;
  version: number;
  status: string;
  outcome: string | null;
  channel: string;
  external_id: string | null;
  current_node: string | null;
  created_at: Date;
  updated_at: Date;
};

function studioInteractionRow(r: InteractionListRow): StudioInteractionRow {
  return {
    id: r.id,
    flow: r.flow_key,
    version: r.version,
    status: r.status,
    outcome: r.outcome,
    channel: r.channel,
    customer: r.external_id,
    currentNode: r.current_node,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

const LIST = `select i.id, i.flow_key, i.version, i.status, i.outcome, i.channel, c.external_id, i.current_node,
    i.created_at, i.updated_at
  from interactions i left join customers c on c.id = i.customer_id
  where i.workspace_id = $1 and (i.test_clock is not null) = $2
    and ($3::text is null or i.flow_key = $3) and ($4::int is null or i.version = $4)
    and ($5::text is null or i.status = $5) and ($6::text is null or i.outcome = $6) and ($7::text is null or i.channel = $7)
    and ($8::text is null or i.customer_id in (
      select id from customers where workspace_id = $1 and external_id = $8
      union select customer_id from customer_addresses where workspace_id = $1 and address = $8))
    and ($9::timestamptz is null or i.created_at >= $9) and ($10::timestamptz is null or i.created_at < $10)
    and ($11::timestamptz is null or (i.created_at, i.id) < ($11::timestamptz, $12::uuid))
  order by i.created_at desc, i.id desc limit $13`;

export async function listStudioInteractions(
  database: Database,
  workspaceId: string,
  filter: StudioInteractionFilter,
): Promise<{ rows: StudioInteractionRow[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
  const after = filter.cursor ? decodeCursor(filter.cursor) : undefined;
  const rows = await sqlClientFor(database).query<InteractionListRow>(LIST, [
    workspaceId,
    filter.test ?? false,
    filter.flow ?? null,
    filter.version ?? null,
    filter.status ?? null,
    filter.outcome ?? null,
    filter.channel ?? null,
    filter.customer ?? null,
    filter.from ?? null,
    filter.to ?? null,
    after?.at ?? null,
    after?.id ?? null,
    limit + 1,
  ]);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page.map(studioInteractionRow),
    nextCursor: rows.length > limit && last ? encodeCursor(last.created_at.toISOString(), last.id) : null,
  };
}

function encodeCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id])).toString("base64url");
}

function decodeCursor(cursor: string): { at: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && typeof value[0] === "string" && typeof value[1] === "string") {
      return { at: value[0], id: value[1] };
    }
  } catch {
    // fall through
  }
  throw new AppError("VALIDATION_FAILED", { detail: "The cursor is not one this list gave." });
}

export type ReplayStep = {
  seq: number;
  type: string;
  at: string;
  fromNode: string | null;
  toNode: string | null;
  data: unknown;
  /** The flow's variables after this step (null when the log could not be replayed). */
  context: Record<string, unknown> | null;
};

export type ReplayPathEntry = {
  position: number;
  node: string;
  type: string;
  seq: number;
  enteredAt: string;
  leftAt: string | null;
  outlet: string | null;
  data: Record<string, unknown> | null;
};

export type ReplayMessage = {
  id: string;
  node: string | null;
  kind: string;
  channel: string;
  address: string | null;
  script: unknown;
  subject: string | null;
  text: string | null;
  status: string;
  reason: string | null;
  createdAt: string;
  attempts: { at: string; status: number | null; error: string | null }[];
};

export type InteractionReplay = {
  interaction: StudioInteractionRow & { context: Record<string, unknown> };
  document: unknown;
  path: ReplayPathEntry[];
  steps: ReplayStep[];
  messages: ReplayMessage[];
};

export async function interactionReplay(
  database: Database,
  workspaceId: string,
  id: string,
  options: { maskAddresses: boolean },
): Promise<InteractionReplay> {
  const query = sqlClientFor(database).query;
  if (!isUuid(id)) throw new AppError("NOT_FOUND", { detail: `No interaction ${id}.` });
  const [row] = await query<
    InteractionListRow & {
      context: Record<string, unknown>;
      source: unknown;
      compiled: unknown;
    }
  >(
    `select i.id, i.flow_key, i.version, i.status, i.outcome, i.channel, c.external_id, i.current_node, i.created_at,
       i.updated_at, i.context, v.source, v.compiled
     from interactions i join flow_versions v on v.id = i.flow_version_id left join customers c on c.id = i.customer_id
     where i.id = $1 and i.workspace_id = $2`,
    [id, workspaceId],
  );
  if (!row) throw new AppError("NOT_FOUND", { detail: `No interaction ${id} in this workspace.` });
  const [path, events, messages, attempts] = await Promise.all([
    query<{
      position: number;
      node: string;
      type: string;
      seq: number;
      entered_at: Date;
      left_at: Date | null;
      outlet: string | null;
      data: Record<string, unknown> | null;
    }>(
      "select position, node, type, seq, entered_at, left_at, outlet, data from interaction_path where interaction_id = $1 order by position",
      [id],
    ),
    query<{ seq: number; type: string; data: unknown; from_node: string | null; to_node: string | null; at: Date }>(
      "select seq, type, data, from_node, to_node, at from interaction_events where interaction_id = $1 order by seq",
      [id],
    ),
    query<{
      id: string;
      node: string | null;
      kind: string;
      channel: string;
      address: string | null;
      script: unknown;
      subject: string | null;
      text: string | null;
      status: string;
      reason: string | null;
      created_at: Date;
      payload: unknown;
    }>(
      `select id, node, kind, channel, address, script, subject, text, status, reason, created_at, payload
       from outbox where interaction_id = $1 order by created_at, id`,
      [id],
    ),
    query<{ outbox_id: string; at: Date; response_status: number | null; error: string | null }>(
      `select a.outbox_id, a.at, a.response_status, a.error from outbox_attempts a join outbox o on o.id = a.outbox_id
       where o.interaction_id = $1 order by a.attempt`,
      [id],
    ),
  ]);
  const contexts = replayContexts(row.compiled, events);
  const field = (value: unknown, name: string): unknown =>
    value !== null && typeof value === "object" ? Reflect.get(value, name) : undefined;
  const text = (value: unknown) => (typeof value === "string" ? value : null);
  return {
    interaction: {
      ...studioInteractionRow(row),
      context: row.context,
    },
    document: row.source,
    path: path.map((p) => ({
      position: p.position,
      node: p.node,
      type: p.type,
      seq: p.seq,
      enteredAt: p.entered_at.toISOString(),
      leftAt: p.left_at ? p.left_at.toISOString() : null,
      outlet: p.outlet,
      data: p.data,
    })),
    steps: events.map((e, i) => ({
      seq: e.seq,
      type: e.type,
      at: e.at.toISOString(),
      fromNode: e.from_node,
      toNode: e.to_node,
      data: e.data,
      context: contexts?.[i] ?? null,
    })),
    messages: messages.map((m) => {
      const address = m.address;
      return {
        id: m.id,
        node: m.node ?? text(field(m.payload, "node")),
        kind: m.kind,
        channel: m.channel,
        address: address === null ? null : options.maskAddresses ? maskAddress(address) : address,
        script: m.script ?? (text(field(m.payload, "script")) ? { key: text(field(m.payload, "script")) } : null),
        subject: m.subject,
        text: m.text,
        status: m.status,
        reason: m.reason,
        createdAt: m.created_at.toISOString(),
        attempts: attempts
          .filter((a) => a.outbox_id === m.id)
          .map((a) => ({ at: a.at.toISOString(), status: a.response_status, error: a.error })),
      };
    }),
  };
}

/** The variables after each logged step, by replaying the log on the version's machine. */
function replayContexts(
  compiled: unknown,
  events: readonly { seq: number; type: string; data: unknown }[],
): Record<string, unknown>[] | undefined {
  try {
    const machine = createFlowMachine(compiled as MachineJson);
    const [first, ...rest] = events;
    if (!first) return [];
    let { snapshot } = startFlow(machine, (first.data ?? {}) as Parameters<typeof startFlow>[1]);
    const contexts: Record<string, unknown>[] = [{ ...snapshot.context.vars }];
    for (const event of rest) {
      if (event.type !== CANCELLED_EVENT) {
        const data = event.data === null ? undefined : (event.data as { [key: string]: never });
        const result = transitionFlow(
          machine,
          snapshot,
          { type: event.type, ...(data ? { data } : {}) },
          { fromClock: event.type.startsWith(TIMER_EVENT_PREFIX) },
        );
        if (!result.accepted) return undefined;
        snapshot = result.snapshot;
      }
      contexts.push({ ...snapshot.context.vars });
    }
    return contexts;
  } catch {
    return undefined;
  }
}
