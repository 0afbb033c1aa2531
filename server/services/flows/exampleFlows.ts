// The example journeys a designer can start a new flow from (bundled, not read
// from disk, so it works inside Next's server bundle too).
import "server-only";
import birthdayGreeting from "../../../flows/examples/birthday-greeting.json";
import cardTransferStepup from "../../../flows/examples/card-transfer-stepup.json";
import chatEscalation from "../../../flows/examples/chat-escalation.json";
import faultDiagnosis from "../../../flows/examples/fault-diagnosis.json";
import first120Days from "../../../flows/examples/first-120-days.json";
import postContactSurvey from "../../../flows/examples/post-contact-survey.json";
import warrantyCheck from "../../../flows/examples/warranty-check.json";
import { parseFlowDocument, type FlowDocument } from "../../../flows";

const raw = [
  cardTransferStepup,
  chatEscalation,
  faultDiagnosis,
  warrantyCheck,
  postContactSurvey,
  birthdayGreeting,
  first120Days,
];

export const exampleFlows: FlowDocument[] = raw.flatMap((document) => {
  const parsed = parseFlowDocument(document);
  return parsed.ok ? [parsed.document] : [];
});

export function exampleFlow(key: string): FlowDocument | undefined {
  return exampleFlows.find((flow) => flow.key === key);
}
