import { AuditLogPanel } from "../../../../components/settings/AuditLogPanel";

export default function Page() {
  return <AuditLogPanel />;
}
