import { nodeDefinition } from "../nodes/registry";
import { parseFlowDocument } from "../schema/parseFlowDocument";

/**
 * The script keys a flow document's nodes say (each node type declares its `scripts`), in order of
 * first use; nothing for a value that is not a flow document. Nodes that do not parse are skipped.
 */
export function flowScriptKeys(input: unknown): string[] {
  const parsed = parseFlowDocument(input);
  if (!parsed.ok) return [];
  const keys = new Set<string>();
  for (const node of parsed.document.nodes) {
    const analysed = nodeDefinition(node.type)?.analyse(node);
    if (!analysed?.ok) continue;
    for (const use of analysed.node.scripts(parsed.document.channels)) keys.add(use.key);
  }
  return [...keys];
}
