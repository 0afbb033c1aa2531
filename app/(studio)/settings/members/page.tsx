import { MembersPanel } from "../../../../components/settings/MembersPanel";

export default function Page() {
  return <MembersPanel />;
}
