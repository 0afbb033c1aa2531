import { describe, expect, it, beforeAll, afterAll } from "vitest";
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(import.meta.dirname, "..", "..");
const examples = join(root, "flows", "examples");

function journey(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(root, "bin", "journey.js"), ...args], { cwd: root }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "journey-cli-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const flowFiles = readdirSync(examples)
  .filter((file) => file.endsWith(".json"))
  .map((file) => join(examples, file));

describe("journey CLI (a real process)", () => {
  it("validate: the examples are clean", async () => {
    const result = await journey(["validate", ...flowFiles]);
    expect(result).toMatchObject({ code: 0, stdout: "" });
  });

  it("validate: a broken document is rejected as FILE: node ID: message, exit 1, no stack trace", async () => {
    const file = join(dir, "broken.json");
    writeFileSync(
      file,
      JSON.stringify({
        schema: "journey-studio/flow@1",
        key: "broken",
        name: "Broken",
        kind: "sop",
        channels: ["chat"],
        nodes: [
          { id: "start", type: "start", position: { x: 0, y: 0 }, data: {} },
          {
            id: "pick",
            type: "decision",
            position: { x: 0, y: 100 },
            data: { rules: [{ when: "amount >", handle: "big" }] },
          },
          { id: "done", type: "end", position: { x: 0, y: 200 }, data: { outcome: "resolved" } },
        ],
        edges: [
          { id: "e1", source: "start", target: "pick" },
          { id: "e2", source: "pick", target: "done", sourceHandle: "big" },
        ],
      }),
    );
    const result = await journey(["validate", file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${file}: node pick: Decision "pick" has no "else" edge`);
    expect(result.stdout).toContain(`${file}: node pick: Decision "pick", rule 1 (big): "amount >" has a syntax error`);
    expect(result.stdout + result.stderr).not.toMatch(/\n\s+at /);
  });

  it("validate: a variable named __proto__ or constructor is an error, not dropped without a word", async () => {
    const file = join(dir, "proto.json");
    const source = readFileSync(join(examples, "chat-escalation.json"), "utf8");
    writeFileSync(
      file,
      source.replace(
        '"variables": {',
        '"variables": { "__proto__": { "type": "string" }, "constructor": { "type": "number" },',
      ),
    );
    const result = await journey(["validate", file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${file}: Variable "__proto__" cannot be used`);
    expect(result.stdout).toContain(`${file}: Variable "constructor" cannot be used`);
  });

  it("validate: a JSON syntax error names the line", async () => {
    const file = join(dir, "syntax.json");
    writeFileSync(file, '{\n  "schema": "journey-studio/flow@1",\n  "key": oops\n}\n');
    const result = await journey(["validate", file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: line 3, column \\d+: is not valid JSON`),
    );
  });

  it("compile: prints the XState machine config as JSON", async () => {
    const result = await journey(["compile", join(examples, "chat-escalation.json")]);
    expect(result.code).toBe(0);
    const machine = JSON.parse(result.stdout);
    expect(machine).toMatchObject({ id: "chat-escalation", initial: "start" });
  });

  it("simulate: prints one line per step and a last line with the outcome", async () => {
    const events = join(dir, "events.jsonl");
    writeFileSync(
      events,
      ['{"type":"next"}', '{"type":"solution.offered"}', '{"type":"answer","data":{"value":"yes"}}', ""].join("\n"),
    );
    const result = await journey(["simulate", join(examples, "chat-escalation.json"), "--events", events]);
    const lines = result.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(result.code, result.stderr).toBe(0);
    expect(lines[0]).toMatchObject({ node: "start", type: "start" });
    expect(lines.at(-1)).toMatchObject({ status: "completed", outcome: "resolved" });
  });

  it("simulate: a refused event exits 1 naming the line of the events file", async () => {
    const events = join(dir, "refused.jsonl");
    writeFileSync(events, ['{"type":"next"}', '{"type":"verify.passed"}'].join("\n"));
    const result = await journey(["simulate", join(examples, "chat-escalation.json"), "--events", events]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(`refused.jsonl:2: The step "\\w+" \\(stage\\) does not take "verify.passed"`),
    );
  });

  it("an unknown command prints usage and exits 1", async () => {
    const result = await journey(["frobnicate"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("unknown command");
  });
});
