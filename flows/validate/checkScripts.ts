import type { Diagnostic } from "../diagnostics";
import { errorAt, warningAt } from "../diagnostics";
import type { FlowDocument } from "../schema/flowDocument";
import { chooseVariant } from "../scripts/chooseVariant";
import { scriptChannels, type ScriptChannel, type ScriptDocument } from "../scripts/scriptDocument";
import type { AnalysedNode } from "./analyseFlow";
import type { ScriptUse } from "../nodes/nodeType";

/** Finds the script document a flow's `script` key names (for publishing: its approved version). */
export type ScriptResolver = (key: string) => ScriptDocument | undefined;

/**
 * Checks the scripts each node type says it speaks (`scripts` in flows/nodes/<type>.ts): the script
 * must exist, and have a usable variant (its own, or by its fallback order) for every channel the
 * node can speak on: a message's channel and fallbacks, a survey's channel, otherwise each of the
 * flow's channels. A variant reached only by fallback is a warning: the customer gets another
 * channel's wording.
 */
export function checkScripts(
  document: FlowDocument,
  nodes: ReadonlyMap<string, AnalysedNode>,
  resolveScript: ScriptResolver,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const analysed of nodes.values()) {
    const { node } = analysed;
    for (const use of analysed.scripts(document.channels)) out.push(...checkScript(node.id, use, resolveScript));
  }
  return out;
}

function checkScript(nodeId: string, { key, channels }: ScriptUse, resolveScript: ScriptResolver): Diagnostic[] {
  const script = resolveScript(key);
  if (!script) {
    return [
      errorAt(
        "SCRIPT_NOT_FOUND",
        `Node "${nodeId}" uses script "${key}", which does not exist (or has no approved version).`,
        { nodeId, path: "data.script", params: { node: nodeId, script: key } },
      ),
    ];
  }
  const out: Diagnostic[] = [];
  for (const channel of channels.filter(isScriptChannel)) {
    const choice = chooseVariant(script, channel);
    if (!choice) {
      out.push(
        errorAt(
          "SCRIPT_NO_VARIANT",
          `Script "${key}" of node "${nodeId}" has no usable variant for ${channel}; add a ${channel} variant or a fallback.`,
          { nodeId, path: "data.script", params: { node: nodeId, script: key, channel } },
        ),
      );
    } else if (choice.variant.channel !== channel) {
      out.push(
        warningAt(
          "SCRIPT_CHANNEL_FALLBACK",
          `Script "${key}" of node "${nodeId}" has no ${channel} variant; ${channel} gets its ${choice.variant.channel} wording.`,
          {
            nodeId,
            path: "data.script",
            params: { node: nodeId, script: key, channel, fallback: choice.variant.channel },
          },
        ),
      );
    }
  }
  return out;
}

function isScriptChannel(channel: string): channel is ScriptChannel {
  return scriptChannels.some((known) => known === channel);
}
