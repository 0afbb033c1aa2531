import type { FlowDocument } from "../schema/flowDocument";
import { nodeDefinition } from "../nodes/registry";
import { findPassingLoops } from "../validate/findPassingLoops";

/**
 * A source loop of steps that never wait (a counter incremented and tested, a prompt replayed) would spin
 * in the flow language, which refuses it. Each such loop gets a `stage` on its way back that waits for
 * `next` before going round again; the report names it.
 */
export function breakPassingLoops(
  flow: FlowDocument,
  freeId: (base: string) => string,
  take: (id: string) => void,
): Array<{ node: string; why: string }> {
  const found: Array<{ node: string; why: string }> = [];
  for (let round = 0; round < 10_000; round++) {
    const passing = new Set(flow.nodes.filter((n) => nodeDefinition(n.type)?.behaviour === "passes").map((n) => n.id));
    const loop = findPassingLoops(passing, flow.edges)[0];
    if (!loop) break;
    const members = new Set(loop);
    const head = loop[0];
    const back =
      flow.edges.find((e) => e.target === head && members.has(e.source)) ??
      flow.edges.find((e) => members.has(e.source) && members.has(e.target));
    if (!back || head === undefined) break;
    const target = flow.nodes.find((n) => n.id === back.target);
    const id = freeId(`${back.target}.loop`);
    take(id);
    flow.nodes.push({
      id,
      type: "stage",
      position: { x: (target?.position.x ?? 0) + 220, y: (target?.position.y ?? 0) - 60 },
      data: { stage: "custom", label: `Before going round to ${back.target} again` },
    });
    flow.edges.push({ id: `${back.id}.loop`, source: id, target: back.target });
    back.target = id;
    found.push({
      node: back.source,
      why: `its way back to "${head}" goes round a loop that never waits, which would spin: stage "${id}" now waits for "next" before it goes round again`,
    });
  }
  return found;
}
