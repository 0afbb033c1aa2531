import { DriversEditor } from "../../../../components/settings/DriversEditor";
import { NotAllowed } from "../../../../components/settings/NotAllowed";
import { sectionAccess } from "../sectionAccess";

export default async function Page() {
  const { allowed, role } = await sectionAccess("drivers.edit");
  return allowed ? <DriversEditor /> : <NotAllowed section="settings.drivers" role={role} />;
}
