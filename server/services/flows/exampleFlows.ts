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

/** The flows an example's subflow nodes call, directly (keys, in the order its nodes name them). */
export function exampleCalls(flow: FlowDocument): string[] {
  return [
    ...new Set(
      flow.nodes.flatMap((node) =>
        node.type === "subflow" && typeof node.data.flow === "string" ? [node.data.flow] : [],
      ),
    ),
  ];
}

/**
 * The examples `key` calls, directly or through another example, each once and every flow after the
 * ones it calls (the order they can be published in). A cycle among examples is cut where it closes;
 * a called key that is no example is left out (the validator reports it on the caller).
 */
export function exampleCallees(key: string): FlowDocument[] {
  const ordered: FlowDocument[] = [];
  const seen = new Set<string>([key]);
  const visit = (flow: FlowDocument) => {
    for (const called of exampleCalls(flow)) {
      if (seen.has(called)) continue;
      seen.add(called);
      const example = exampleFlow(called);
      if (!example) continue;
      visit(example);
      ordered.push(example);
    }
  };
  const root = exampleFlow(key);
  if (root) visit(root);
  return ordered;
}
