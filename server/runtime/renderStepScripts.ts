// The scripts an engine write needs, rendered from approved versions only.
import "server-only";
import { currentStep, type FlowSnapshot } from "../../flows";
import type { SqlQuery } from "../db/sqlClient";
import type { StepScriptText } from "./interactionView";
import type { StepRows } from "./planStepRows";
import { scriptTextJson, type RuntimeScripts } from "./runtimeScripts";

/**
 * Renders the scripts of the step entered (for the view) and of the queued messages (into their
 * outbox payload, so a message says what it said when it was queued). Returns the view's lookup.
 */
export async function renderStepScripts(
  scripts: RuntimeScripts,
  query: SqlQuery,
  workspaceId: string,
  snapshot: FlowSnapshot,
  plan: StepRows | undefined,
  seed: string,
): Promise<StepScriptText> {
  const step = currentStep(snapshot)?.script;
  const texts = await scripts.prepare(query, workspaceId, [
    step,
    ...(plan?.outbox ?? []).map((o) => (typeof o.payload.script === "string" ? o.payload.script : undefined)),
  ]);
  for (const item of plan?.outbox ?? []) {
    const rendered =
      typeof item.payload.script === "string"
        ? texts.render(item.payload.script, item.channel, snapshot.context, seed)
        : undefined;
    if (rendered) Object.assign(item.payload, { text: rendered.text, rendered: scriptTextJson(rendered) });
  }
  return (key: string, channel: string) => texts.render(key, channel, snapshot.context, seed);
}
