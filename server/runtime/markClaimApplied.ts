// An Idempotency-Key claim marked applied in the transaction of the write it covers.
import "server-only";
import type { SqlQuery } from "../db/sqlClient";
import { AppError } from "../errors/appError";
import type { EngineDependencies, HeldClaim } from "./engineContext";

/** Records that the write took effect, or throws (rolling the write back) when this attempt lost the key. */
export async function markClaimApplied(
  dependencies: EngineDependencies,
  query: SqlQuery,
  claim: HeldClaim,
  interactionId: string,
): Promise<void> {
  if (!(await dependencies.markIdempotencyApplied(query, claim, interactionId))) {
    throw new AppError("IDEMPOTENCY_KEY_IN_USE", {
      detail: "Another attempt holds this Idempotency-Key now; nothing was changed.",
    });
  }
}
