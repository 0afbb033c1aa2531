import { MembersPanel } from "../../../../components/settings/MembersPanel";
import { NotAllowed } from "../../../../components/settings/NotAllowed";
import { sectionAccess } from "../sectionAccess";

export default async function Page() {
  const read = await sectionAccess("members.read");
  if (!read.allowed) return <NotAllowed section="settings.members" role={read.role} />;
  const manage = await sectionAccess("members.manage");
  return <MembersPanel canManage={manage.allowed} role={read.role} />;
}
