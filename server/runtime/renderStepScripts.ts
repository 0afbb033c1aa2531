// The scripts an engine write needs, rendered from approved versions only.
import "server-only";
import { currentStep, type FlowContext, type FlowSnapshot } from "../../flows";
import type { SqlQuery } from "../db/sqlClient";
import type { StepScriptText } from "./interactionView";
import type { PlannedOutboxRow, StepRows } from "./planStepRows";
import { scriptTextJson, type ScriptTexts, type RuntimeScripts } from "./runtimeScripts";
import { MASKED_CODE } from "./verificationCodes";

/**
 * Renders the scripts of the step entered (for the view) and of the queued messages (into their
 * outbox row, so a message says what it said when it was queued). Returns the view's lookup.
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
    ...(plan?.outbox ?? []).map((o) => o.scriptKey ?? undefined),
  ]);
  for (const item of plan?.outbox ?? []) renderMessage(texts, item, snapshot.context, seed);
  return (key, channel, styles) => texts.render(key, channel, snapshot.context, seed, styles);
}

/**
 * The message's script rendered for its channel: `script`, `subject` and `text` on the row, the text
 * and what the channel receives in its payload. A one-time code's row keeps the code masked; only the
 * payload (what the webhook gets, scrubbed once delivered) holds it.
 */
function renderMessage(texts: ScriptTexts, item: PlannedOutboxRow, context: FlowContext, seed: string): void {
  if (item.scriptKey === null) return;
  const withVars = (vars: PlannedOutboxRow["renderVars"]) =>
    vars ? { ...context, vars: { ...context.vars, ...vars } } : context;
  const rendered = texts.render(item.scriptKey, item.channel, withVars(item.renderVars), seed, item.styles);
  if (!rendered) {
    item.script = null;
    return;
  }
  const stored =
    item.renderVars?.code === undefined
      ? rendered
      : (texts.render(
          item.scriptKey,
          item.channel,
          withVars({ ...item.renderVars, code: MASKED_CODE }),
          seed,
          item.styles,
        ) ?? rendered);
  item.script = { key: item.scriptKey, version: rendered.version, variant: rendered.variant };
  item.subject = stored.subject ?? null;
  item.text = stored.text;
  Object.assign(item.payload, {
    script: item.script,
    text: rendered.text,
    rendered: scriptTextJson(rendered),
    ...(rendered.subject === undefined ? {} : { subject: rendered.subject }),
  });
}
