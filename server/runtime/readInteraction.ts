// One interaction row of the caller's workspace and mode, parsed.
import "server-only";
import type { SqlQuery } from "../db/sqlClient";
import type { Caller } from "./engineContext";
import { interactionRowSchema, isUuid, SELECT_INTERACTION, type InteractionRow } from "./interactionRow";

/** `lock`: `SELECT … FOR UPDATE` (inside a transaction). Undefined when there is no such row. */
export async function readInteraction(
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
