// The canvas at 200 to 10,000 nodes (`--sizes 200,2000,5000,10000`): our studio page against a bare React Flow page, in the same run
// on the same machine (see MEASUREMENTS.md, "The canvas"). Reports ready time (all nodes in the DOM, or
// for our culled canvas from HUGE_FLOW nodes every node in view; an edge drawn; frames idle) and frame
// intervals while panning and while dragging a node, moves paced at 16 ms.
// Needs a production build in NEXT_DIST_DIR (default .next): `NEXT_DIST_DIR=.next-designer npx next build`.
// Run: NEXT_DIST_DIR=.next-designer npx tsx bench/canvas.ts [--runs 3] [--sizes 200,2000]
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import type { Page } from "playwright-core";
import { generatedFlowOfSize } from "../flows/testing/arbitraryFlow";
import { parseFlowDocumentOrThrow, type FlowDocument } from "../flows";
import { startStudio } from "../test/ui/studioHarness";
import { HUGE_FLOW } from "../components/canvas/largeFlow";

const root = join(import.meta.dirname, "..");
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1] ?? 3) || 3;
const sizes = (args.includes("--sizes") ? (args[args.indexOf("--sizes") + 1] ?? "") : "200,2000")
  .split(",")
  .map(Number);

/** The generated flow of `size` nodes, laid out by depth. */
function generatedFlow(size: number): FlowDocument {
  const doc = parseFlowDocumentOrThrow({ ...generatedFlowOfSize(size), key: `bench-${size}`, name: `Bench ${size}` });
  // Grid by index: rows of 40, as a designer's big flow would spread out.
  const nodes = doc.nodes.map((n, i) => ({ ...n, position: { x: (i % 40) * 260, y: Math.floor(i / 40) * 160 } }));
  return { ...doc, nodes };
}

/** Each node's id and position, for the culled canvas's "ready". */
const positionsOf = (flow: FlowDocument | undefined): [string, number, number][] =>
  (flow?.nodes ?? []).map((n) => [n.id, n.position.x, n.position.y]);

const frameRecorder = `
  window.__frames = []; window.__recording = false;
  (function loop(t) { if (window.__recording) window.__frames.push(t); requestAnimationFrame(loop); })(0);
  window.__idle = () => new Promise((resolve) => { let last = performance.now(), calm = 0;
    (function tick(t) { calm = t - last < 25 ? calm + 1 : 0; last = t; calm >= 3 ? resolve(t) : requestAnimationFrame(tick); })(last); });
`;

const bareEntry = `
  import { createRoot } from "react-dom/client";
  import { ReactFlow, useNodesState, useEdgesState } from "@xyflow/react";
  import "@xyflow/react/dist/style.css";
  const flow = window.__FLOW__;
  function App() {
    const [nodes, , onNodesChange] = useNodesState(flow.nodes.map((n) => ({ id: n.id, position: n.position, data: { label: n.id } })));
    const [edges, , onEdgesChange] = useEdgesState(flow.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, label: e.data?.event })));
    return <div style={{ width: "100vw", height: "100vh" }}><ReactFlow nodes={nodes} edges={edges} onNodesChange={onNodesChange} onEdgesChange={onEdgesChange} fitView fitViewOptions={{ padding: 0.15 }} minZoom={0.05} /></div>;
  }
  createRoot(document.getElementById("root")).render(<App />);
`;

async function serveBare(flows: Map<number, FlowDocument>): Promise<{ url: string; close: () => void }> {
  const out = await build({
    stdin: { contents: bareEntry, loader: "tsx", resolveDir: root, sourcefile: "bare.tsx" },
    bundle: true,
    minify: true,
    write: false,
    outdir: "out",
    jsx: "automatic",
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "error",
  });
  const js = out.outputFiles.find((f) => f.path.endsWith(".js"))?.text ?? "";
  const css = out.outputFiles.find((f) => f.path.endsWith(".css"))?.text ?? "";
  const server = createServer((req, res) => {
    if (req.url === "/bare.js") return res.writeHead(200, { "content-type": "text/javascript" }).end(js);
    if (req.url === "/bare.css") return res.writeHead(200, { "content-type": "text/css" }).end(css);
    const size = Number(new URL(req.url ?? "/", "http://x").searchParams.get("size"));
    const flow = flows.get(size);
    if (!flow) return res.writeHead(404).end();
    res
      .writeHead(200, { "content-type": "text/html" })
      .end(
        `<!doctype html><html><head><link rel="stylesheet" href="/bare.css"><style>body{margin:0}</style></head><body><div id="root"></div><script>window.__FLOW__=${JSON.stringify(flow)}</script><script src="/bare.js"></script></body></html>`,
      );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

type Sample = { ready: number; panMedian: number; panP95: number; dragMedian: number; dragP95: number };
/** One page load: its ready time and every frame interval measured while panning and dragging. */
type Run = { ready: number; pan: number[]; drag: number[] };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};

async function pacedMoves(
  page: Page,
  from: { x: number; y: number },
  step: { x: number; y: number },
  count: number,
): Promise<number[]> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean };
    w.__frames = [];
    w.__recording = true;
  });
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  const moves: Promise<void>[] = [];
  for (let i = 1; i <= count; i++) {
    moves.push(page.mouse.move(from.x + step.x * i, from.y + step.y * i));
    await sleep(16);
  }
  await Promise.all(moves);
  await page.mouse.up();
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean };
    w.__recording = false;
    return w.__frames;
  });
  return frames.slice(1).map((t, i) => t - (frames[i] ?? t));
}

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
};

/** BENCH_PROFILE=1: the functions that took the most time (self) while panning and dragging our canvas. */
async function profiled<T>(page: Page, label: string, run: () => Promise<T>): Promise<T> {
  if (process.env.BENCH_PROFILE !== "1") return run();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
  const result = await run();
  const { profile } = (await cdp.send("Profiler.stop")) as {
    profile: { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[] };
  };
  const perSample = (profile.endTime - profile.startTime) / 1000 / Math.max(1, profile.samples.length);
  const self = new Map<string, number>();
  for (const node of profile.nodes) {
    const name = `${node.callFrame.functionName || "(anonymous)"} ${node.callFrame.url.split("/").pop()}:${node.callFrame.lineNumber}:${node.callFrame.columnNumber}`;
    self.set(name, (self.get(name) ?? 0) + (node.hitCount ?? 0) * perSample);
  }
  console.log(
    `profile ${label}:`,
    [...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([n, ms]) => `${ms.toFixed(0)}ms ${n}`)
      .join("\n  "),
  );
  return result;
}

async function measure(page: Page, url: string, size: number, positions: [string, number, number][]): Promise<Run> {
  const started = Date.now();
  const phases: string[] = [];
  const onResponse = (response: { url(): string }) =>
    phases.push(
      `${response
        .url()
        .replace(/^https?:\/\/[^/]+/, "")
        .slice(0, 40)} +${Date.now() - started}ms`,
    );
  if (process.env.BENCH_PROFILE === "1") page.on("response", onResponse);
  // Profiled (ours, BENCH_PROFILE=1) from the navigation to the first node drawn.
  const load = async () => {
    await page.goto(url, { timeout: 300_000 });
    phases.push(`loaded +${Date.now() - started}ms`);
    await page.waitForFunction(() => document.querySelector(".react-flow__node") !== null, undefined, {
      timeout: 300_000,
      polling: 16,
    });
    phases.push(`first node +${Date.now() - started}ms`);
  };
  await (url.includes("size=") ? load() : profiled(page, `load ${size}`, load));
  // Bare React Flow renders every node: it is ready when all are in the DOM. Ours from HUGE_FLOW nodes
  // on renders those in view (culling): it is ready when every node of the flow whose top-left corner
  // lies in the pane (at the viewport the canvas shows) is in the DOM and visible, with edges drawn.
  // Nodes only appear once the client has rendered (the server render has none), so they are live.
  const culled = !url.includes("size=") && size >= HUGE_FLOW;
  await page.waitForFunction(
    ({ all, positions }) => {
      const rendered = document.querySelectorAll<HTMLElement>(".react-flow__node");
      if (document.querySelector(".react-flow__edge") === null) return false;
      if (!positions) return rendered.length >= all;
      const viewport = document.querySelector<HTMLElement>(".react-flow__viewport");
      const pane = document.querySelector(".react-flow__pane")?.getBoundingClientRect();
      if (!viewport || !pane || rendered.length === 0) return false;
      const { e: tx, f: ty, a: zoom } = new DOMMatrixReadOnly(getComputedStyle(viewport).transform);
      const shown = new Set<string>();
      for (const el of rendered) if (el.style.visibility !== "hidden") shown.add(el.dataset.id ?? "");
      let inView = 0;
      for (const [id, x, y] of positions) {
        const sx = x * zoom + tx;
        const sy = y * zoom + ty;
        if (sx < 0 || sy < 0 || sx >= pane.width || sy >= pane.height) continue;
        inView++;
        if (!shown.has(id)) return false;
      }
      return inView > 0;
    },
    { all: size, positions: culled ? positions : undefined },
    { timeout: 300_000, polling: 16 },
  );
  phases.push(`all nodes +${Date.now() - started}ms`);
  await page.evaluate(() => (window as unknown as { __idle: () => Promise<number> }).__idle());
  const ready = Date.now() - started;
  phases.push(`idle +${ready}ms`);
  if (process.env.BENCH_PROFILE === "1") console.log(`phases ${url}:\n  ${phases.join("\n  ")}`);
  page.off("response", onResponse);
  const pane = await page.locator(".react-flow__pane").boundingBox();
  if (!pane) throw new Error("no pane");
  const ours = !url.includes("size=");
  const pan = ours
    ? await profiled(page, `pan ${size}`, () => pacedMoves(page, { x: pane.x + 6, y: pane.y + 6 }, { x: 4, y: 3 }, 60))
    : await pacedMoves(page, { x: pane.x + 6, y: pane.y + 6 }, { x: 4, y: 3 }, 60);
  await sleep(300);
  // The node nearest the canvas's centre.
  const target = await page.evaluate(
    ({ cx, cy }) => {
      let best: { x: number; y: number; d: number } | undefined;
      for (const el of document.querySelectorAll(".react-flow__node")) {
        const r = el.getBoundingClientRect();
        const x = r.left + r.width / 2;
        const y = r.top + r.height / 2;
        const d = (x - cx) ** 2 + (y - cy) ** 2;
        if (!best || d < best.d) best = { x, y, d };
      }
      return best;
    },
    { cx: pane.x + pane.width / 2, cy: pane.y + pane.height / 2 },
  );
  if (!target) throw new Error("no node to drag");
  const drag = ours
    ? await profiled(page, `drag ${size}`, () => pacedMoves(page, target, { x: 3, y: 2 }, 60))
    : await pacedMoves(page, target, { x: 3, y: 2 }, 60);
  return { ready, pan, drag };
}

/**
 * The median ready time of the runs, and frame-interval quantiles over the intervals of all runs
 * pooled: one move of a big flow yields only 15 to 30 frames, so a single run's p95 is its worst frame
 * or two, and a median of such p95s swings from run to run.
 */
function summarise(runs: Run[]): Sample {
  const pan = runs.flatMap((r) => r.pan);
  const drag = runs.flatMap((r) => r.drag);
  return {
    ready: quantile(
      runs.map((r) => r.ready),
      0.5,
    ),
    panMedian: quantile(pan, 0.5),
    panP95: quantile(pan, 0.95),
    dragMedian: quantile(drag, 0.5),
    dragP95: quantile(drag, 0.95),
  };
}

async function main() {
  const flows = new Map(sizes.map((size) => [size, generatedFlow(size)]));
  const dataDir = mkdtempSync(join(tmpdir(), "journey-bench-canvas-"));
  const files = [...flows.values()].map((flow) => {
    const file = join(dataDir, `${flow.key}.json`);
    writeFileSync(file, JSON.stringify(flow));
    return file;
  });
  // Drafts go in through the CLI before the server holds the PGlite folder.
  execFileSync(process.execPath, [join(root, "bin", "journey.js"), "import", ...files], {
    cwd: root,
    env: { ...process.env, JOURNEY_DATA_DIR: join(dataDir, "db"), DATABASE_URL: "", JOURNEY_EXAMPLES: "off" },
    stdio: "ignore",
  });
  const studio = await startStudio({ env: { JOURNEY_DATA_DIR: join(dataDir, "db"), JOURNEY_EXAMPLES: "off" } });
  const bare = await serveBare(flows);
  try {
    const context = studio.page.context();
    await context.addInitScript(frameRecorder);
    const rows: string[] = [];
    for (const size of sizes) {
      const results: Record<"bare" | "ours", Run[]> = { bare: [], ours: [] };
      for (let run = 0; run < runs; run++) {
        for (const variant of ["bare", "ours"] as const) {
          const page = await context.newPage();
          const url = variant === "bare" ? `${bare.url}/?size=${size}` : `${studio.url}/flows/bench-${size}`;
          results[variant].push(await measure(page, url, size, positionsOf(flows.get(size))));
          await page.close();
        }
      }
      const b = summarise(results.bare);
      const o = summarise(results.ours);
      const ratio = (x: number, y: number) => (y > 0 ? (x / y).toFixed(2) : "—");
      const fmt = (s: Sample) =>
        `ready ${(s.ready / 1000).toFixed(2)} s · pan ${s.panMedian.toFixed(1)} / ${s.panP95.toFixed(1)} ms · drag ${s.dragMedian.toFixed(1)} / ${s.dragP95.toFixed(1)} ms`;
      rows.push(`${String(size).padStart(5)} nodes  bare: ${fmt(b)}`);
      rows.push(`${" ".repeat(11)} ours: ${fmt(o)}`);
      rows.push(
        `${" ".repeat(11)} ratio ours/bare: ready ${ratio(o.ready, b.ready)} · pan median ${ratio(o.panMedian, b.panMedian)} p95 ${ratio(o.panP95, b.panP95)} · drag median ${ratio(o.dragMedian, b.dragMedian)} p95 ${ratio(o.dragP95, b.dragP95)}`,
      );
      console.log(rows.slice(-3).join("\n"));
    }
    console.log(
      `\n${runs} runs of each, alternating; ready is their median; frame times are the median / p95 of the intervals between animation frames while moving (one move per 16 ms), all runs' intervals pooled`,
    );
  } finally {
    bare.close();
    await studio.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
