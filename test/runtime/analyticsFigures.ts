// For the analytics tests: waiting for the fold, and the figures recomputed straight from raw rows read
// over the API (the path and the history), to hold the rollups against.
import { expect } from "vitest";
import type { ApiCall } from "./serverProcess";

export type Figures = {
  interactions: { started: number; completed: number; byOutcome: Record<string, number> };
  nodes: {
    node: string;
    entered: number;
    exits: Record<string, number>;
    dropped: number;
    dwellMs?: { p50: number; p90: number };
    csat?: { n: number; mean: number };
    nps?: { n: number; score: number; promoters: number; passives: number; detractors: number };
  }[];
  channels: { channel: string; started: number; completed: number }[];
  foldedThrough: string;
  lagMs: number;
};

/** The figures once the fold has read every step written before this call. */
export async function foldedFigures(call: ApiCall, flow: string, query = ""): Promise<Figures> {
  const since = Date.now();
  for (;;) {
    const res = await call("GET", `/flows/${flow}/analytics${query}`);
    expect(res.status).toBe(200);
    const figures = res.body as unknown as Figures;
    if (Date.parse(figures.foldedThrough) > since) return figures;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

type PathEntry = { node: string; path: string; type: string; outlet?: string; leftAt?: string };

/** entered / exits / dropped per node, counted from each interaction's path as the API gives it. */
export async function rawNodeCounts(call: ApiCall, ids: readonly string[]) {
  const counts = new Map<string, { entered: number; exits: Record<string, number>; dropped: number }>();
  const at = (node: string) => {
    const c = counts.get(node) ?? { entered: 0, exits: {}, dropped: 0 };
    counts.set(node, c);
    return c;
  };
  for (const id of ids) {
    const [path, interaction] = await Promise.all([
      call("GET", `/interactions/${id}/path`),
      call("GET", `/interactions/${id}`),
    ]);
    const entries = (path.body.data as PathEntry[]).filter((e) => e.path === e.node);
    for (const e of entries) {
      at(e.node).entered++;
      if (e.outlet !== undefined && e.leftAt !== undefined)
        at(e.node).exits[e.outlet] = (at(e.node).exits[e.outlet] ?? 0) + 1;
    }
    const ended = interaction.body.status === "completed" || interaction.body.status === "failed";
    const last = [...entries].reverse().find((e) => e.type !== "end");
    const outcome = String(interaction.body.outcome ?? "");
    if (ended && last && (["abandoned", "cancelled"].includes(outcome) || last.outlet === "timeout"))
      at(last.node).dropped++;
  }
  return counts;
}
