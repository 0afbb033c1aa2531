/**
 * Strongly connected groups of passing nodes (Tarjan, iterative): a loop of nodes that all leave at
 * once would spin without ever waiting. Each loop is returned in a walkable order when possible.
 */
export function findPassingLoops(
  passing: ReadonlySet<string>,
  edges: ReadonlyArray<{ source: string; target: string }>,
): string[][] {
  const next = new Map<string, string[]>();
  for (const { source, target } of edges) {
    if (passing.has(source) && passing.has(target)) next.set(source, [...(next.get(source) ?? []), target]);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const loops: string[][] = [];
  let counter = 0;

  for (const root of passing) {
    if (index.has(root)) continue;
    const work: Array<{ id: string; child: number }> = [{ id: root, child: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (!frame) break;
      const targets = next.get(frame.id) ?? [];
      if (frame.child < targets.length) {
        const target = targets[frame.child++] as string;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ id: target, child: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.id, Math.min(low.get(frame.id) ?? 0, index.get(target) ?? 0));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id) ?? 0, low.get(frame.id) ?? 0));
      if (low.get(frame.id) === index.get(frame.id)) {
        const group: string[] = [];
        let member: string | undefined;
        do {
          member = stack.pop();
          if (member === undefined) break;
          onStack.delete(member);
          group.push(member);
        } while (member !== frame.id);
        const selfLoop = group.length === 1 && (next.get(frame.id) ?? []).includes(frame.id);
        if (group.length > 1 || selfLoop) loops.push(group.reverse());
      }
    }
  }
  return loops;
}
