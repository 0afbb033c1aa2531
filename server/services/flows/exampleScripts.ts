// The scripts the example journeys say, bundled like the examples themselves (server/services/flows/
// exampleFlows.ts), so that a flow started from an example in an empty workspace can be published.
import "server-only";
import birthdayGreeting from "../../../flows/examples/scripts/birthday-greeting.json";
import branchReferral from "../../../flows/examples/scripts/branch-referral.json";
import csatSurvey from "../../../flows/examples/scripts/csat-survey.json";
import escalationNotice from "../../../flows/examples/scripts/escalation-notice.json";
import greeting from "../../../flows/examples/scripts/greeting.json";
import npsSurvey from "../../../flows/examples/scripts/nps-survey.json";
import otpCode from "../../../flows/examples/scripts/otp-code.json";
import otpSent from "../../../flows/examples/scripts/otp-sent.json";
import payBill from "../../../flows/examples/scripts/pay-bill.json";
import registerProduct from "../../../flows/examples/scripts/register-product.json";
import warrantyResult from "../../../flows/examples/scripts/warranty-result.json";
import welcome from "../../../flows/examples/scripts/welcome.json";
import { DEFAULT_CODE_SCRIPT, type FlowDocument } from "../../../flows";
import { flowScriptKeys } from "../../../flows/validate/flowScriptKeys";
import type { Db } from "../../db/client";
import { scripts } from "../../db/schema";
import { recordAudit, type AuditActor } from "../audit/recordAudit";
import { importScriptDocument } from "../scripts";

const exampleScripts = new Map<string, unknown>(
  [
    birthdayGreeting,
    branchReferral,
    csatSurvey,
    escalationNotice,
    greeting,
    npsSurvey,
    otpCode,
    otpSent,
    payBill,
    registerProduct,
    warrantyResult,
    welcome,
  ].map((doc) => [doc.key, doc]),
);

/**
 * Adds the example scripts `document` says that the workspace does not have, approved as the start-up
 * import approves them (by "examples"): the examples' own wording, which a workspace then edits and
 * approves as its own. A script the workspace has already is left as it is.
 */
export async function addMissingExampleScripts(
  db: Db,
  workspaceId: string,
  document: FlowDocument,
  by: AuditActor,
): Promise<string[]> {
  const wanted = [...new Set([...flowScriptKeys(document), ...codeScripts(document)])].filter((key) =>
    exampleScripts.has(key),
  );
  if (wanted.length === 0) return [];
  const added: string[] = [];
  for (const key of wanted) {
    // The key is claimed by inserting the script (the import then finds it): a look-up first would not
    // see a script of that key another member is creating meanwhile, and the import would put the
    // example's wording, approved, on top of it. Waits for such a creation to commit.
    const [claimed] = await db
      .insert(scripts)
      .values({ workspaceId, key, name: exampleScriptName(key) })
      .onConflictDoNothing({ target: [scripts.workspaceId, scripts.key] })
      .returning({ id: scripts.id });
    if (!claimed) continue;
    await importScriptDocument(db, workspaceId, exampleScripts.get(key), { by: "examples", approvedBy: "examples" });
    await recordAudit(db, {
      workspaceId,
      actor: by,
      action: "script.addedFromExample",
      subject: { type: "script", label: key },
      after: { flow: document.key },
    });
    added.push(key);
  }
  return added;
}

/** The one-time-code messages a flow's verify nodes send (not among a node's `scripts`: the runtime sends them). */
function codeScripts(document: FlowDocument): string[] {
  return document.nodes.flatMap((node) => {
    if (node.type !== "verify") return [];
    const { methods, codeScript } = node.data as { methods?: unknown; codeScript?: unknown };
    if (!Array.isArray(methods) || !methods.includes("otp")) return [];
    return [typeof codeScript === "string" ? codeScript : DEFAULT_CODE_SCRIPT];
  });
}

/** An example script's name (its document's), for the row that claims its key. */
function exampleScriptName(key: string): string {
  const name = (exampleScripts.get(key) as { name?: unknown } | undefined)?.name;
  return typeof name === "string" ? name : key;
}
