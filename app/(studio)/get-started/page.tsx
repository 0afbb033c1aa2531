import { FirstJourneyGuide } from "../../../components/firstRun/FirstJourneyGuide";

export default async function GetStartedPage({
  searchParams,
}: {
  searchParams: Promise<{ flow?: string | string[] }>;
}) {
  const { flow } = await searchParams;
  return <FirstJourneyGuide initialFlow={typeof flow === "string" ? flow : undefined} />;
}
