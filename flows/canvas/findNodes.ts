/** What "find a node" looks at: a node's id, type and the data fields a designer names it by. */
type Findable = { id: string; type?: string; data: Record<string, unknown> };

/** The nodes whose id, type, label, script, outcome or stage contains `query` (any case); none for a blank query. */
export function findNodes<N extends Findable>(nodes: readonly N[], query: string): N[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  return nodes.filter((n) =>
    [n.id, n.type, n.data.label, n.data.script, n.data.outcome, n.data.stage].some(
      (v) => typeof v === "string" && v.toLowerCase().includes(q),
    ),
  );
}
