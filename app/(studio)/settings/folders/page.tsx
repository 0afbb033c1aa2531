import { FolderAccessPanel } from "../../../../components/settings/FolderAccessPanel";
import { NotAllowed } from "../../../../components/settings/NotAllowed";
import { sectionAccess } from "../sectionAccess";

export default async function Page() {
  const { allowed, role } = await sectionAccess("members.manage");
  return allowed ? <FolderAccessPanel /> : <NotAllowed section="settings.folders" role={role} />;
}
