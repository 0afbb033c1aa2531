/**
 * What starting from an example does to the flows it calls (`brings`: examples, each after the ones it
 * calls; server/services/flows/exampleFlows.ts exampleCallees): those the workspace has no flow of that
 * key for come with it, published; the others are kept as they are (never a second copy). The same
 * rule the server applies (flowDrafts.ts createFlow), for the dialog to say before it is applied.
 */
export function exampleBrings(
  brings: readonly string[],
  workspaceKeys: ReadonlySet<string>,
): { added: string[]; kept: string[] } {
  return {
    added: brings.filter((key) => !workspaceKeys.has(key)),
    kept: brings.filter((key) => workspaceKeys.has(key)),
  };
}
