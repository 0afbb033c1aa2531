import { ScriptList } from "../../../components/scripts/ScriptList";

export default function ScriptsPage() {
  return <ScriptList />;
}
