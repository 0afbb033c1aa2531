import { InteractionReplay } from "../../../../components/interactions/InteractionReplay";

export default async function InteractionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <InteractionReplay id={decodeURIComponent(id)} />;
}
