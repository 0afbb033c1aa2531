// Server-only module: who may do what with scripts. Sign-in arrives with issue 6; roles already apply.
import type { StudioRole, StudioSession } from "../studioSession";
import { AppError } from "../appError";

const editors: ReadonlySet<StudioRole> = new Set(["admin", "designer", "content-editor"]);
const reviewers: ReadonlySet<StudioRole> = new Set(["admin", "reviewer"]);

export type ScriptAction = "edit" | "review";

export function canDo(session: StudioSession, action: ScriptAction): boolean {
  return (action === "edit" ? editors : reviewers).has(session.user.role);
}

export function requireRole(session: StudioSession, action: ScriptAction): void {
  if (!canDo(session, action)) {
    throw new AppError("FORBIDDEN", { detail: action === "edit" ? "Only editors may change scripts." : "Only reviewers may approve or return scripts." });
  }
}
