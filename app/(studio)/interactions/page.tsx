import { InteractionList } from "../../../components/interactions/InteractionList";

export default function InteractionsPage() {
  return <InteractionList />;
}
