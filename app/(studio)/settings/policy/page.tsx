import { PolicyEditor } from "../../../../components/settings/PolicyEditor";
import { NotAllowed } from "../../../../components/settings/NotAllowed";
import { sectionAccess } from "../sectionAccess";

export default async function Page() {
  const { allowed, role } = await sectionAccess("settings.manage");
  return allowed ? <PolicyEditor /> : <NotAllowed section="settings.policy" role={role} />;
}
