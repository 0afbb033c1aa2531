import { ApiKeysPanel } from "../../../../components/settings/ApiKeysPanel";

export default function Page() {
  return <ApiKeysPanel />;
}
