import { ApiKeysPanel } from "../../../../components/settings/ApiKeysPanel";
import { NotAllowed } from "../../../../components/settings/NotAllowed";
import { sectionAccess } from "../sectionAccess";

export default async function Page() {
  const { allowed, role } = await sectionAccess("apiKeys.manage");
  return allowed ? <ApiKeysPanel /> : <NotAllowed section="settings.apiKeys" role={role} />;
}
