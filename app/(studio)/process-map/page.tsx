import { ProcessMap } from "../../../components/flows/ProcessMap";

export default function ProcessMapPage() {
  return <ProcessMap />;
}
