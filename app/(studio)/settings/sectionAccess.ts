import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { currentMember } from "../../../server/auth/memberSession";
import { can, type Action } from "../../../server/auth/policy";

/** The member's role and whether it may use the settings section guarded by `action` (the policy decides). */
export async function sectionAccess(action: Action): Promise<{ allowed: boolean; role: string }> {
  const member = await currentMember(new Headers(await headers()));
  if (!member) redirect("/sign-in?next=/settings");
  return {
    allowed: can(member.user.role, action, { instanceAdmin: member.user.instanceAdmin }),
    role: member.user.role,
  };
}
