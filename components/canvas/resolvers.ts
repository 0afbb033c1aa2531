import type { FlowDocument, FlowResolver } from "../../flows";
import type { ScriptResolver } from "../../flows/validate/checkScripts";
import type { ScriptDocument } from "../../flows/scripts/scriptDocument";

/**
 * Lookups by key over what a draft may use: the published flows its subflow nodes call and the approved
 * scripts its nodes say. Without a list of scripts there is no script lookup (scripts are then not checked).
 */
export function resolversFor(
  flows: readonly FlowDocument[],
  scripts?: readonly ScriptDocument[],
): { resolveFlow: FlowResolver; resolveScript?: ScriptResolver } {
  const flowsByKey = new Map(flows.map((flow) => [flow.key, flow]));
  const scriptsByKey = scripts && new Map(scripts.map((script) => [script.key, script]));
  return {
    resolveFlow: (key) => flowsByKey.get(key),
    ...(scriptsByKey ? { resolveScript: (key: string) => scriptsByKey.get(key) } : {}),
  };
}
