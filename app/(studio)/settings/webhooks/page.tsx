import { WebhooksPanel } from "../../../../components/settings/WebhooksPanel";
import { NotAllowed } from "../../../../components/settings/NotAllowed";
import { sectionAccess } from "../sectionAccess";

export default async function Page() {
  const { allowed, role } = await sectionAccess("webhooks.manage");
  return allowed ? <WebhooksPanel /> : <NotAllowed section="settings.webhooks" role={role} />;
}
