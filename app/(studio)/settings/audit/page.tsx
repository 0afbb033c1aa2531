import { AuditLogPanel } from "../../../../components/settings/AuditLogPanel";
import { NotAllowed } from "../../../../components/settings/NotAllowed";
import { sectionAccess } from "../sectionAccess";

export default async function Page() {
  const { allowed, role } = await sectionAccess("audit.read");
  return allowed ? <AuditLogPanel /> : <NotAllowed section="settings.audit" role={role} />;
}
