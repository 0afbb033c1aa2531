import { WebhooksPanel } from "../../../../components/settings/WebhooksPanel";

export default function Page() {
  return <WebhooksPanel />;
}
