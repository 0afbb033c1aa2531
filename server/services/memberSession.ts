// The caller a studio service acts for (a signed-in member, server/auth/memberSession.ts).
import "server-only";
import type { StudioRole } from "../db/schema/auth";

export type { StudioRole };

export type MemberSession = {
  workspaceId: string;
  /**
   * `folders`: the folders (with their subfolders) this member's editing and publishing of flows is limited
   * to; absent, the whole workspace. `instanceAdmin`: an operator of the installation.
   */
  user: { id: string; name: string; role: StudioRole; instanceAdmin?: boolean; folders?: readonly string[] };
};
