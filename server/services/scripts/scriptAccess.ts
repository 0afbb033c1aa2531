// Who may do what with scripts, asked of the one policy (server/auth/policy.ts): the service and the
// router declare the same action, and the studio shows a button exactly when `canDo` holds.
import "server-only";
import type { MemberSession } from "../memberSession";
import { authorize, can, type Action } from "../../auth/policy";

export type ScriptAction = "edit" | "review" | "return";

const actionOf = {
  edit: "scripts.edit",
  review: "scripts.approve",
  return: "scripts.return",
} as const satisfies Record<ScriptAction, Action>;

export function canDo(session: MemberSession, action: ScriptAction): boolean {
  return can(session.user.role, actionOf[action]);
}

/** Throws FORBIDDEN (as the procedure's own check would) when the role may not. */
export function requireRole(session: MemberSession, action: ScriptAction): void {
  authorize(session, actionOf[action]);
}
