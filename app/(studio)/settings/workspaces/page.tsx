import { NotAllowed } from "../../../../components/settings/NotAllowed";
import { WorkspacesPanel } from "../../../../components/settings/WorkspacesPanel";
import { sectionAccess } from "../sectionAccess";

export default async function Page() {
  const { allowed, role } = await sectionAccess("workspaces.manage");
  return allowed ? <WorkspacesPanel /> : <NotAllowed section="settings.workspaces" role={role} />;
}
