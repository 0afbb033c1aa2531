// Who may do what with scripts, asked of the one policy (server/auth/policy.ts).
import "server-only";
import type { MemberSession } from "../memberSession";
import { can } from "../../auth/policy";
import { AppError } from "../../errors/appError";

export type ScriptAction = "edit" | "review";

export function canDo(session: MemberSession, action: ScriptAction): boolean {
  return can(session.user.role, action === "edit" ? "scripts.edit" : "scripts.approve");
}

export function requireRole(session: MemberSession, action: ScriptAction): void {
  if (!canDo(session, action)) {
    throw new AppError("FORBIDDEN", {
      detail:
        action === "edit"
          ? "Only content editors and admins may change scripts."
          : "Only reviewers and admins may approve or return scripts.",
    });
  }
}
