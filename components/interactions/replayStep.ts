// What the replay shows at one step: the path so far, the node it is on, the messages that step sent.

type PathRow = {
  position: number;
  node: string;
  type: string;
  seq: number;
  leftAt: string | null;
  outlet: string | null;
  data: Record<string, unknown> | null;
};
type Message = { id: string; node: string | null };

export function stepView<M extends Message, P extends PathRow>(
  replay: { path: readonly P[]; steps: readonly { seq: number }[]; messages: readonly M[] },
  index: number,
): { path: P[]; visited: string[]; nodeClasses: Map<string, string>; messages: M[] } {
  const seq = replay.steps[index]?.seq ?? 0;
  const path = replay.path.filter((p) => p.seq <= seq);
  const visited = path.map((p) => p.node);
  const nodeClasses = new Map<string, string>(visited.map((node) => [node, "visited"]));
  const current = path.at(-1);
  if (current) nodeClasses.set(current.node, "current");
  // A message belongs to the step that entered its node (each row takes the next message of its node).
  const taken = new Set<string>();
  const stepOf = new Map<string, number>();
  for (const row of replay.path) {
    const message = replay.messages.find((m) => m.node === row.node && !taken.has(m.id));
    if (message) {
      taken.add(message.id);
      stepOf.set(message.id, row.seq);
    }
  }
  const messages = replay.messages.filter((m) => (stepOf.get(m.id) ?? 0) === seq);
  return { path, visited, nodeClasses, messages };
}
