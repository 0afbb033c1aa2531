import type { Diagnostic } from "../diagnostics";
import { errorAt, warningAt } from "../diagnostics";
import type { FlowDocument } from "../schema/flowDocument";
import { chooseVariant } from "../scripts/chooseVariant";
import { scriptChannels, type ScriptChannel, type ScriptDocument } from "../scripts/scriptDocument";
import type { AnalysedNode } from "./analyseFlow";

/** Finds the script document a flow's `script` key names (for publishing: its approved version). */
export type ScriptResolver = (key: string) => ScriptDocument | undefined;

const scriptedTypes: ReadonlySet<string> = new Set(["stage", "message", "ask", "survey"]);

/**
 * Checks the `script` keys of stage, message, ask and survey nodes: the script must exist, and have a
 * usable variant (its own, or by its fallback order) for every channel the node can speak on: a
 * message's channel and fallbacks, a survey's channel, otherwise each of the flow's channels. A
 * variant reached only by fallback is a warning: the customer gets another channel's wording.
 */
export function checkScripts(
  document: FlowDocument,
  nodes: ReadonlyMap<string, AnalysedNode>,
  resolveScript: ScriptResolver,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { node, data } of nodes.values()) {
    if (!scriptedTypes.has(node.type) || typeof data.script !== "string") continue;
    const key = data.script;
    const script = resolveScript(key);
    if (!script) {
      out.push(
        errorAt(
          "SCRIPT_NOT_FOUND",
          `Node "${node.id}" uses script "${key}", which does not exist (or has no approved version).`,
          { nodeId: node.id, path: "data.script", params: { node: node.id, script: key } },
        ),
      );
      continue;
    }
    for (const channel of channelsOf(node.type, data, document)) {
      const choice = chooseVariant(script, channel);
      if (!choice) {
        out.push(
          errorAt(
            "SCRIPT_NO_VARIANT",
            `Script "${key}" of node "${node.id}" has no usable variant for ${channel}; add a ${channel} variant or a fallback.`,
            { nodeId: node.id, path: "data.script", params: { node: node.id, script: key, channel } },
          ),
        );
      } else if (choice.variant.channel !== channel) {
        out.push(
          warningAt(
            "SCRIPT_CHANNEL_FALLBACK",
            `Script "${key}" of node "${node.id}" has no ${channel} variant; ${channel} gets its ${choice.variant.channel} wording.`,
            {
              nodeId: node.id,
              path: "data.script",
              params: { node: node.id, script: key, channel, fallback: choice.variant.channel },
            },
          ),
        );
      }
    }
  }
  return out;
}

function channelsOf(type: string, data: Record<string, unknown>, document: FlowDocument): ScriptChannel[] {
  const flowChannels: ScriptChannel[] = [...document.channels];
  const listed = (value: unknown): ScriptChannel[] =>
    Array.isArray(value) ? value.filter((c): c is ScriptChannel => scriptChannels.some((s) => s === c)) : [];
  if (type === "message") {
    const first =
      typeof data.channel === "string" && data.channel !== "preferred" ? listed([data.channel]) : flowChannels;
    return [...new Set([...first, ...listed(data.fallback)])];
  }
  if (type === "survey" && typeof data.channel === "string") return listed([data.channel]);
  return flowChannels;
}
