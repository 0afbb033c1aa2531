import { ScriptEditor } from "../../../../components/scripts/ScriptEditor";

export default async function ScriptPage({ params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  return <ScriptEditor scriptKey={decodeURIComponent(key)} />;
}
