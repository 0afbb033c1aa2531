import type { FlowDocument, FlowResolver } from "../../flows";
import type { ScriptResolver } from "../../flows/validate/checkScripts";
import type { ScriptDocument } from "../../flows/scripts/scriptDocument";

/**
 * Lookups by key over what a draft may use: the published flows its subflow nodes call, the approved
 * scripts its nodes say and the workspace's segment names. Without a list of scripts (or of segments)
 * there is no such lookup (they are then not checked).
 */
export function resolversFor(
  flows: readonly FlowDocument[],
  scripts?: readonly ScriptDocument[],
  segments?: readonly string[],
): { resolveFlow: FlowResolver; resolveScript?: ScriptResolver; segments?: readonly string[] } {
  const flowsByKey = new Map(flows.map((flow) => [flow.key, flow]));
  const scriptsByKey = scripts && new Map(scripts.map((script) => [script.key, script]));
  return {
    resolveFlow: (key) => flowsByKey.get(key),
    ...(scriptsByKey ? { resolveScript: (key: string) => scriptsByKey.get(key) } : {}),
    ...(segments ? { segments } : {}),
  };
}
