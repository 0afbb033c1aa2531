// Server-only module: authorisation for tRPC procedures. Each procedure declares what it does,
// `.meta({ action: "flows.publish" })`; `memberProcedure` resolves the signed-in member from the
// better-auth session and refuses, fail-closed, a procedure with no action or a role the policy
// (server/auth/policy.ts) does not allow. The check runs inside the procedure call, whatever path the
// request took (no reliance on Next middleware).
//
// Phase 2 (lead): make `studioProcedure` itself do this (createTrpcContext resolving the member), and
// give every procedure its `.meta({ action })`.
import { resolveMemberSession, type MemberSession } from "../auth/memberSession";
import { authorize, isAction, type Action } from "../auth/policy";
import { AppError } from "../services/appError";
import { studioProcedure } from "./trpc";

/** Declared on every procedure. `public: true` only for the few that need no workspace role (none yet). */
export type ProcedureMeta = { action?: Action };

/** Procedures reached through this have `ctx.member` (a signed-in member whose role allows `meta.action`). */
export const memberProcedure = studioProcedure.use(async ({ ctx, meta, path, next }) => {
  const action = meta?.action;
  if (!isAction(action)) throw new AppError("FORBIDDEN", { detail: `Procedure ${path} declares no action; refusing.` });
  const member: MemberSession | undefined = ctx.headers ? await resolveMemberSession(ctx.database, ctx.headers) : undefined;
  authorize(member, action);
  if (!member) throw new AppError("SIGN_IN_REQUIRED");
  // The member replaces the placeholder session of server/services/studioSession.ts.
  return next({ ctx: { member, session: member } });
});

/** For tests and tooling: the action a procedure declares, if any. */
export function actionOf(meta: unknown): Action | undefined {
  if (typeof meta !== "object" || meta === null || !("action" in meta)) return undefined;
  return isAction(meta.action) ? meta.action : undefined;
}
