// Authorisation for tRPC procedures. Each procedure declares what it does,
// `.meta({ action: "flows.publish" })`; `studioProcedure` (server/api/trpc.ts) resolves the signed-in
// member from the better-auth session and refuses, fail-closed, a procedure with no action or a role
// the policy (server/auth/policy.ts) does not allow.
import "server-only";
import { isAction, type Action } from "../auth/policy";
import { studioProcedure } from "./trpc";

/**
 * Declared on every procedure: `action`, or `public: true` for the few that need no workspace role
 * (opening and accepting an invitation link: `publicProcedure`).
 */
export type ProcedureMeta = { action?: Action; public?: true };

/** The same as `studioProcedure` (server/api/trpc.ts): a signed-in member whose role allows `meta.action`. */
export const memberProcedure = studioProcedure;

/** For tests and tooling: the action a procedure declares, if any. */
export function actionOf(meta: unknown): Action | undefined {
  if (typeof meta !== "object" || meta === null || !("action" in meta)) return undefined;
  return isAction(meta.action) ? meta.action : undefined;
}

/** For tests and tooling: whether a procedure is declared public (`publicProcedure`). */
export function isPublic(meta: unknown): boolean {
  return typeof meta === "object" && meta !== null && "public" in meta && meta.public === true;
}
