import type { Diagnostic } from "../diagnostics";
import { errorAt } from "../diagnostics";
import type { FlowDocument, FlowResolver } from "../schema/flowDocument";

/** A flow that calls itself, directly or through others, would nest forever. */
export function checkSubflowCycles(document: FlowDocument, resolveFlow: FlowResolver): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const node of document.nodes) {
    if (node.type !== "subflow" || typeof node.data.flow !== "string") continue;
    const chain = findCycle(node.data.flow, versionOf(node.data.version), resolveFlow, [document.key]);
    if (chain) {
      diagnostics.push(
        errorAt(
          "SUBFLOW_CYCLE",
          `Subflow "${node.id}" calls "${node.data.flow}", which leads back to "${document.key}" (${chain.join(" → ")}); a flow cannot call itself.`,
          {
            nodeId: node.id,
            params: { node: node.id, flow: String(node.data.flow), chain: chain.join(" → ") },
          },
        ),
      );
    }
  }
  return diagnostics;
}

function findCycle(
  key: string,
  version: number | "latest" | undefined,
  resolveFlow: FlowResolver,
  stack: string[],
): string[] | undefined {
  if (stack.includes(key)) return [...stack, key];
  if (stack.length > 32) return [...stack, key];
  const called = resolveFlow(key, version);
  if (!called) return undefined;
  for (const node of called.nodes) {
    if (node.type !== "subflow" || typeof node.data.flow !== "string") continue;
    const found = findCycle(node.data.flow, versionOf(node.data.version), resolveFlow, [...stack, key]);
    if (found) return found;
  }
  return undefined;
}

function versionOf(value: unknown): number | "latest" | undefined {
  return typeof value === "number" || value === "latest" ? value : undefined;
}
