// Reading interactions (list, history). Starting and stepping them is the engine's.
import "server-only";
import type { Caller, Engine } from "../runtime/engine";
import { interactionRowSchema, INTERACTION_COLUMNS, INTERACTION_FROM, isUuid } from "../runtime/interactionRow";
import type { InteractionView } from "../runtime/interactionView";
import { AppError } from "../errors/appError";

export type InteractionFilter = { customer?: string; flow?: string; status?: string; cursor?: string; limit?: number };

const LIST = `select ${INTERACTION_COLUMNS},
    to_char(i.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as cursor_at
  from ${INTERACTION_FROM}
  where i.workspace_id = $1 and (i.test_clock is not null) = $2
    and ($3::text is null or c.external_id = $3) and ($4::text is null or i.flow_key = $4) and ($5::text is null or i.status = $5)
    and ($6::timestamptz is null or (i.created_at, i.id) < ($6::timestamptz, $7::uuid))
  order by i.created_at desc, i.id desc limit $8`;

/** Newest first; `nextCursor` continues after the last one returned. */
export async function listInteractions(
  engine: Engine,
  caller: Caller,
  filter: InteractionFilter,
): Promise<{ data: InteractionView[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
  const after = filter.cursor === undefined ? undefined : decodeCursor(filter.cursor);
  const rows = await engine.sql.query<{ cursor_at: string; id: string }>(LIST, [
    caller.workspaceId,
    caller.mode === "test",
    filter.customer ?? null,
    filter.flow ?? null,
    filter.status ?? null,
    after?.at ?? null,
    after?.id ?? null,
    limit + 1,
  ]);
  const page = rows.slice(0, limit);
  const data = await Promise.all(page.map((row) => engine.viewOfRow(interactionRowSchema.parse(row))));
  const last = page[page.length - 1];
  const nextCursor = rows.length > limit && last ? encodeCursor(last.cursor_at, last.id) : null;
  return { data, nextCursor };
}

function encodeCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id])).toString("base64url");
}

function decodeCursor(cursor: string): { at: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(value) &&
      typeof value[0] === "string" &&
      typeof value[1] === "string" &&
      isUuid(value[1]) &&
      !Number.isNaN(Date.parse(value[0]))
    ) {
      return { at: value[0], id: value[1] };
    }
  } catch {
    // fall through
  }
  throw new AppError("VALIDATION_FAILED", { detail: "cursor: is not a cursor this API returned" });
}

export type HistoryEntry = {
  seq: number;
  type: string;
  data: unknown;
  fromNode: string | null;
  toNode: string | null;
  at: string;
};

export async function interactionHistory(engine: Engine, caller: Caller, id: string): Promise<HistoryEntry[]> {
  const row = await engine.readRow(engine.sql.query, caller, id);
  if (!row) throw new AppError("INTERACTION_NOT_FOUND", { detail: `No interaction ${id} in this workspace.` });
  const events = await engine.sql.query<{
    seq: number;
    type: string;
    data: unknown;
    from_node: string | null;
    to_node: string | null;
    at: Date;
  }>("select seq, type, data, from_node, to_node, at from interaction_events where interaction_id = $1 order by seq", [
    id,
  ]);
  return events.map((e) => ({
    seq: e.seq,
    type: e.type,
    data: e.data,
    fromNode: e.from_node,
    toNode: e.to_node,
    at: e.at.toISOString(),
  }));
}

/** One node on an interaction's path (CONTRACT §5). */
export type PathEntry = {
  node: string;
  path: string;
  type: string;
  enteredAt: string;
  leftAt?: string;
  outlet?: string;
  data?: Record<string, unknown>;
};

/** Every node the interaction visited, passing ones included, in order. */
export async function interactionPath(engine: Engine, caller: Caller, id: string): Promise<PathEntry[]> {
  const row = await engine.readRow(engine.sql.query, caller, id);
  if (!row) throw new AppError("INTERACTION_NOT_FOUND", { detail: `No interaction ${id} in this workspace.` });
  const rows = await engine.sql.query<{
    node: string;
    path: string;
    type: string;
    entered_at: Date;
    left_at: Date | null;
    outlet: string | null;
    data: Record<string, unknown> | null;
  }>(
    "select node, path, type, entered_at, left_at, outlet, data from interaction_path where interaction_id = $1 order by position",
    [id],
  );
  return rows.map((r) => ({
    node: r.node,
    path: r.path,
    type: r.type,
    enteredAt: r.entered_at.toISOString(),
    ...(r.left_at ? { leftAt: r.left_at.toISOString() } : {}),
    ...(r.outlet !== null ? { outlet: r.outlet } : {}),
    ...(r.data !== null ? { data: r.data } : {}),
  }));
}
