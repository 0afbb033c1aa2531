// Server-only module: Idempotency-Key on POSTs. The first request with a key claims it and its answer is
// stored; the same key with the same request gets that answer again; with another request, 422.
import { createHash } from "node:crypto";
import type { SqlQuery } from "../runtime/sqlClient";
import { z } from "zod";
import { canonicalJson } from "./contentHash";

/** The answer is stored wrapped, `{ body }`, so that any JSON value fits the jsonb column as an object. */
const storedBody = z.object({ body: z.unknown() });

export type IdempotencyClaim =
  | { kind: "claimed"; id: string }
  | { kind: "replay"; status: number; body: unknown }
  | { kind: "reused" }
  | { kind: "in-progress" };

/** Hash of what makes two requests "the same": method, path and the body (JSON compared by value). */
export function requestHash(method: string, path: string, body: string): string {
  let normalised = body;
  try {
    normalised = canonicalJson(JSON.parse(body));
  } catch {
    // not JSON: compared byte for byte
  }
  return createHash("sha256").update(`${method} ${path}\n${normalised}`).digest("hex");
}

export async function claimIdempotencyKey(query: SqlQuery, workspaceId: string, key: string, hash: string): Promise<IdempotencyClaim> {
  const inserted = await query<{ id: string }>(
    "insert into idempotency_keys (workspace_id, key, request_hash) values ($1, $2, $3) on conflict (workspace_id, key) do nothing returning id",
    [workspaceId, key, hash],
  );
  if (inserted[0]) return { kind: "claimed", id: inserted[0].id };
  const rows = await query<{ request_hash: string; response_status: number | null; response_body: unknown }>(
    "select request_hash, response_status, response_body from idempotency_keys where workspace_id = $1 and key = $2",
    [workspaceId, key],
  );
  const row = rows[0];
  if (!row) return claimIdempotencyKey(query, workspaceId, key, hash); // released meanwhile: claim again
  if (row.request_hash !== hash) return { kind: "reused" };
  if (row.response_status === null) return { kind: "in-progress" };
  return { kind: "replay", status: row.response_status, body: storedBody.parse(row.response_body).body };
}

export async function completeIdempotencyKey(query: SqlQuery, id: string, status: number, body: unknown): Promise<void> {
  await query("update idempotency_keys set response_status = $2, response_body = $3, completed_at = now() where id = $1", [id, status, { body }]);
}

/** After a 5xx: forget the key, so that the client may retry it. */
export async function releaseIdempotencyKey(query: SqlQuery, id: string): Promise<void> {
  await query("delete from idempotency_keys where id = $1", [id]);
}
