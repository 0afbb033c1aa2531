// The generated OpenAPI document through the tools integrators use: Redocly's recommended lint finds
// nothing, and openapi-typescript turns it into types a small typed client compiles against.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareDatabase, type Prepared } from "./prepareDatabase";
import { startServer, type ServerProcess } from "./serverProcess";

const root = join(import.meta.dirname, "..", "..");

describe("the OpenAPI document and the tools", () => {
  let prepared: Prepared;
  let server: ServerProcess;
  let dir: string;
  let docFile: string;
  let doc: Record<string, unknown>;

  beforeAll(async () => {
    prepared = await prepareDatabase("pglite");
    server = await startServer(prepared.target, { JOURNEY_WORKERS: "off" });
    doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as Record<string, unknown>;
    dir = mkdtempSync(join(tmpdir(), "journey-openapi-"));
    docFile = join(dir, "openapi.json");
    writeFileSync(docFile, JSON.stringify(doc, null, 2));
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    await prepared?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("is clean under Redocly's recommended rules", { timeout: 180_000 }, async () => {
    const cli = join(root, "node_modules", "@redocly", "cli", "bin", "cli.js");
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [cli, "lint", "--extends", "recommended", "--format", "json", docFile],
        { cwd: dir, env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" } },
        (error, stdout, stderr) =>
          resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
      );
    });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const report = JSON.parse(result.stdout.slice(result.stdout.indexOf("{"))) as {
      problems: Array<{ ruleId: string; severity: string; message: string; location: Array<{ pointer: string }> }>;
    };
    const found = report.problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer ?? ""}`);
    // The one exception: health has no 4xx to give (no input, no key); its failure is a 503.
    expect(found).toEqual(["warn operation-4xx-response #/paths/~1api~1v1~1health/get/responses"]);
  });

  it("generates types (openapi-typescript) that a typed client compiles against", { timeout: 120_000 }, async () => {
    const ast = await openapiTS(JSON.stringify(doc));
    writeFileSync(join(dir, "api.ts"), astToString(ast));
    writeFileSync(
      join(dir, "client.ts"),
      `import type { paths, components } from "./api";
type Start = paths["/api/v1/interactions"]["post"];
type Body = NonNullable<Start["requestBody"]>["content"]["application/json"];
type Started = Start["responses"][201]["content"]["application/json"];
type Problem = components["schemas"]["Problem"];
export async function start(base: string, key: string, body: Body): Promise<Started | Problem> {
  const res = await fetch(base + "/api/v1/interactions", {
    method: "POST",
    headers: { authorization: "Bearer " + key, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Started | Problem;
}
export const example: Body = { flow: "card-transfer-stepup", channel: "chat", customer: { id: "c-1" } };
export function statusOf(i: Started): "active" | "waiting" | "completed" | "failed" {
  return i.status;
}
type Cancelled = paths["/api/v1/interactions/{id}/cancel"]["post"]["responses"][200]["content"]["application/json"];
export const outcome = (i: Cancelled): string | undefined => i.outcome;
// @ts-expect-error: not a channel
export const wrong: Body = { flow: "x", channel: "pager" };
`,
    );
    const program = ts.createProgram([join(dir, "client.ts")], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
      skipLibCheck: true,
      types: [],
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(diagnostics).toEqual([]);
  });
});
