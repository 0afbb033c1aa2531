// The caller a studio service acts for (a signed-in member, server/auth/memberSession.ts).
import "server-only";
import type { StudioRole } from "../db/schema/auth";

export type { StudioRole };

export type MemberSession = {
  workspaceId: string;
  user: { id: string; name: string; role: StudioRole };
};
