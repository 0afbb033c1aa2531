import { PolicyEditor } from "../../../../components/settings/PolicyEditor";

export default function Page() {
  return <PolicyEditor />;
}
