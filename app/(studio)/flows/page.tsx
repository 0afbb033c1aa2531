import { FlowLibrary } from "../../../components/flows/FlowLibrary";

export default function FlowsPage() {
  return <FlowLibrary />;
}
