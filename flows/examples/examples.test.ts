import { readFileSync, readdirSync, existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { validateFlow } from "../validate/validateFlow";
import { simulateRun } from "../simulate/simulateRun";
import { parseFlowDocumentOrThrow } from "../schema/parseFlowDocument";
import type { FlowDocument } from "../schema/flowDocument";
import type { JsonValue } from "../expressions";

const examplesDir = dirname(fileURLToPath(import.meta.url));
const runsDir = join(examplesDir, "runs");

const jsonObjectSchema = z.record(
  z.string(),
  z.custom<JsonValue>((value) => value !== undefined),
);

const manifestSchema = z.array(
  z.strictObject({
    flow: z.string(),
    events: z.string(),
    context: jsonObjectSchema.optional(),
    customer: jsonObjectSchema.optional(),
    expect: z.strictObject({ outcome: z.string(), passes: z.array(z.string()).optional() }),
  }),
);

/** The script keys the example scripts (flows/examples/scripts/) provide. */
const scriptKeys = new Set([
  "greeting",
  "birthday-greeting",
  "welcome",
  "register-product",
  "pay-bill",
  "csat-survey",
  "nps-survey",
  "otp-sent",
  "branch-referral",
  "escalation-notice",
  "warranty-result",
]);

const flowFiles = readdirSync(examplesDir)
  .filter((name) => name.endsWith(".json"))
  .sort();

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, "utf8"));
}

const flows = new Map<string, FlowDocument>();
for (const file of flowFiles) {
  const document = parseFlowDocumentOrThrow(readJson(join(examplesDir, file)));
  flows.set(document.key, document);
}

const resolveFlow = (key: string) => flows.get(key);

const manifest = manifestSchema.parse(readJson(join(runsDir, "manifest.json")));

function readEvents(path: string): unknown[] {
  return readFileSync(join(runsDir, path), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line): unknown => JSON.parse(line));
}

function endOutcomes(document: FlowDocument): string[] {
  return document.nodes.filter((node) => node.type === "end").map((node) => String(node.data.outcome));
}

/** A flow's node ids, and `subflowNode/node` for the nodes of the flows it calls (one level deep). */
function nodePaths(document: FlowDocument): string[] {
  return document.nodes.flatMap((node) => {
    const called =
      node.type === "subflow" && typeof node.data.flow === "string" ? flows.get(node.data.flow) : undefined;
    return [node.id, ...(called ? called.nodes.map((child) => `${node.id}/${child.id}`) : [])];
  });
}

/** Files under runs/ other than the manifest, as manifest paths (`flow/name.jsonl`). */
function runFiles(): string[] {
  const found: string[] = [];
  for (const dir of readdirSync(runsDir)) {
    if (!statSync(join(runsDir, dir)).isDirectory()) continue;
    for (const name of readdirSync(join(runsDir, dir))) found.push(`${dir}/${name}`);
  }
  return found.sort();
}

describe("example flows", () => {
  it("are the expected set, each file named after its key", () => {
    expect([...flows.keys()].sort()).toEqual([
      "birthday-greeting",
      "card-transfer-stepup",
      "chat-escalation",
      "fault-diagnosis",
      "first-120-days",
      "post-contact-survey",
      "warranty-check",
    ]);
    for (const file of flowFiles)
      expect(file).toBe(`${parseFlowDocumentOrThrow(readJson(join(examplesDir, file))).key}.json`);
  });

  for (const file of flowFiles) {
    it(`${file} validates without errors`, () => {
      const result = validateFlow(readJson(join(examplesDir, file)), { resolveFlow });
      const errors = result.diagnostics.filter((d) => d.severity === "error");
      expect(errors).toEqual([]);
      expect(result.document).toBeDefined();
    });
  }

  for (const [key, document] of flows) {
    it(`${key} names only scripts the examples provide`, () => {
      const used = document.nodes
        .map((node) => node.data.script)
        .filter((script): script is string => typeof script === "string");
      for (const script of used) expect(scriptKeys, `${key} uses script "${script}"`).toContain(script);
    });

    it(`${key} has unique node and edge ids, and edges between its own nodes`, () => {
      const nodeIds = document.nodes.map((node) => node.id);
      expect(new Set(nodeIds).size).toBe(nodeIds.length);
      const edgeIds = document.edges.map((edge) => edge.id);
      expect(new Set(edgeIds).size).toBe(edgeIds.length);
      for (const edge of document.edges) {
        expect(nodeIds, `edge ${edge.id}`).toContain(edge.source);
        expect(nodeIds, `edge ${edge.id}`).toContain(edge.target);
      }
    });
  }

  it("have script documents for every script they name, once the scripts exist", () => {
    const scriptsDir = join(examplesDir, "scripts");
    if (!existsSync(scriptsDir)) return;
    const provided = new Set(
      readdirSync(scriptsDir)
        .filter((name) => name.endsWith(".json"))
        .map(
          (name) => z.looseObject({ key: z.string().optional() }).safeParse(readJson(join(scriptsDir, name))).data?.key,
        )
        .filter((scriptKey): scriptKey is string => scriptKey !== undefined),
    );
    for (const document of flows.values()) {
      for (const node of document.nodes) {
        const script = node.data.script;
        if (typeof script === "string") expect(provided, `${document.key} node ${node.id}`).toContain(script);
      }
    }
  });
});

describe("example runs", () => {
  it("the manifest names existing flows and run files, and every run file is in the manifest", () => {
    for (const entry of manifest) {
      expect(flows.has(entry.flow), entry.flow).toBe(true);
      expect(existsSync(join(runsDir, entry.events)), entry.events).toBe(true);
      expect(entry.events.startsWith(`${entry.flow}/`), entry.events).toBe(true);
    }
    expect(runFiles()).toEqual([...new Set(manifest.map((entry) => entry.events))].sort());
  });

  it("cover every end outcome of every flow", () => {
    for (const [key, document] of flows) {
      const covered = new Set(manifest.filter((entry) => entry.flow === key).map((entry) => entry.expect.outcome));
      for (const outcome of endOutcomes(document)) expect(covered, `${key} outcome "${outcome}"`).toContain(outcome);
    }
  });

  it("expect only outcomes the flow can end with, and passes through nodes it has (or its subflows have)", () => {
    for (const entry of manifest) {
      const document = flows.get(entry.flow);
      if (!document) continue;
      expect(endOutcomes(document), entry.events).toContain(entry.expect.outcome);
      for (const path of entry.expect.passes ?? []) expect(nodePaths(document), entry.events).toContain(path);
    }
  });

  const visited = new Map<string, Set<string>>();

  for (const entry of manifest) {
    it(`${entry.events} ends ${entry.expect.outcome}`, () => {
      const document = flows.get(entry.flow);
      expect(document).toBeDefined();
      if (!document) return;
      const result = simulateRun({
        document,
        events: readEvents(entry.events),
        context: entry.context,
        customer: entry.customer,
        resolveFlow,
      });
      expect(result.error).toBeUndefined();
      // `path` names a called flow's nodes `subflowNode/node`; the caller's own nodes are plain ids.
      const nodes = result.steps.map((step) => step.path);
      const seen = visited.get(entry.flow) ?? new Set<string>();
      for (const node of nodes) seen.add(node);
      visited.set(entry.flow, seen);

      expect(result.final.status).toBe("completed");
      expect(result.final.outcome).toBe(entry.expect.outcome);
      for (const id of entry.expect.passes ?? []) expect(nodes, `${entry.events} visits ${id}`).toContain(id);
      const last = result.steps.at(-1);
      expect(last?.type).toBe("end");
      expect(last?.outcome).toBe(entry.expect.outcome);
    });
  }

  it("together visit every node of every flow", () => {
    for (const [key, document] of flows) {
      const seen = visited.get(key) ?? new Set<string>();
      const unvisited = document.nodes.map((node) => node.id).filter((id) => !seen.has(id));
      expect(unvisited, `${key} nodes no run visits`).toEqual([]);
    }
  });
});
