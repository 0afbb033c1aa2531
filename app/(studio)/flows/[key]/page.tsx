import { FlowEditorPage } from "../../../../components/canvas/FlowEditorPage";

export default async function FlowPage({ params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  return <FlowEditorPage flowKey={decodeURIComponent(key)} />;
}
