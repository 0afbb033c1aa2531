// Reads a .cpuprofile (node --cpu-prof) and prints the functions by self time and by total time
// (each function counted once per stack), and the share of idle and GC.
// Run: npx tsx bench/profileSummary.ts file.cpuprofile [--top 40] [--match text]
import { readFileSync } from "node:fs";

type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

const args = process.argv.slice(2);
const file = args[0] ?? "";
const top = Number(args[args.indexOf("--top") + 1] ?? 40) || 40;
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n: Node) => {
  const url = n.callFrame.url.replace(/^.*\/(node_modules\/)/, "$1").replace(/^.*wt-ceiling\//, "");
  return `${n.callFrame.functionName || "(anonymous)"} ${url}:${n.callFrame.lineNumber + 1}`;
};
const self = new Map<string, number>();
const total = new Map<string, number>();
let all = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  all += dt;
  const node = byId.get(id);
  if (!node) return;
  self.set(label(node), (self.get(label(node)) ?? 0) + dt);
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const n = byId.get(at);
    if (!n) break;
    const l = label(n);
    if (seen.has(l)) continue;
    seen.add(l);
    total.set(l, (total.get(l) ?? 0) + dt);
  }
});
const print = (title: string, map: Map<string, number>) => {
  console.log(`\n${title} (of ${(all / 1e6).toFixed(1)} s)`);
  for (const [l, t] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${((100 * t) / all).toFixed(1).padStart(5)}%  ${l}`);
};
print("self", self);
print("total", total);
const match = args.includes("--match") ? (args[args.indexOf("--match") + 1] ?? "") : undefined;
if (match) print(`total, ${match}`, new Map([...total].filter(([l]) => l.includes(match))));
