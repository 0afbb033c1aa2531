import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { simulateRun } from "../../flows/simulate/simulateRun";
import type { JsonValue } from "../../flows/expressions";
import type { CliIo } from "../io";
import { parseJsonText, readJsonFile } from "../readJsonFile";
import { formatDiagnostic } from "../formatDiagnostic";
import { flowDirectoryResolver } from "../flowDirectory";

export async function runSimulate(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { events: { type: "string" }, context: { type: "string" }, flows: { type: "string", multiple: true } },
  });
  const file = positionals[0];
  if (file === undefined || positionals.length > 1 || values.events === undefined) {
    io.stderr("usage: journey simulate FILE --events FILE.jsonl [--context JSON] [--flows DIR]\n");
    return 1;
  }
  const read = readJsonFile(file);
  if (!read.ok) {
    io.stderr(`${file}: ${read.message}\n`);
    return 1;
  }
  const events = readEvents(values.events);
  if (!events.ok) {
    io.stderr(`${events.message}\n`);
    return 1;
  }
  const context = parseContext(values.context);
  if (!context.ok) {
    io.stderr(`--context ${context.message}\n`);
    return 1;
  }
  const { customer, ...vars } = context.value;
  const run = simulateRun({
    document: read.value,
    events: events.value,
    context: vars,
    customer: isObject(customer) ? customer : undefined,
    resolveFlow: flowDirectoryResolver(values.flows ?? [dirname(file)]),
  });
  for (const diagnostic of run.diagnostics) io.stderr(`${formatDiagnostic(file, diagnostic)}\n`);
  for (const step of run.steps) {
    const line: { [key: string]: unknown } = { node: step.path, type: step.type, status: step.status };
    if (step.outcome !== undefined) line.outcome = step.outcome;
    if (step.messages) line.messages = step.messages;
    if (step.handoff) line.handoff = step.handoff;
    io.stdout(`${JSON.stringify(line)}\n`);
  }
  if (run.error) {
    if (run.error.line !== undefined) io.stderr(`${values.events}:${run.error.line}: ${run.error.message}\n`);
    else if (run.diagnostics.length === 0) io.stderr(`${file}: ${run.error.message}\n`);
    return 1;
  }
  io.stdout(
    `${JSON.stringify({ status: run.final.status, outcome: run.final.outcome ?? null, context: run.final.context })}\n`,
  );
  return 0;
}

function readEvents(file: string): { ok: true; value: unknown[] } | { ok: false; message: string } {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return { ok: false, message: `${file}: cannot be read` };
  }
  const value: unknown[] = [];
  for (const [index, line] of text.split("\n").entries()) {
    if (line.trim() === "") continue;
    const parsed = parseJsonText(line);
    if (!parsed.ok) return { ok: false, message: `${file}:${index + 1}: ${parsed.message.replace(/^line 1, /, "")}` };
    value.push(parsed.value);
  }
  return { ok: true, value };
}

function parseContext(
  text: string | undefined,
): { ok: true; value: { [key: string]: JsonValue } } | { ok: false; message: string } {
  if (text === undefined) return { ok: true, value: {} };
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { ok: false, message: parsed.message };
  if (!isObject(parsed.value)) return { ok: false, message: "must be a JSON object" };
  return { ok: true, value: parsed.value };
}

function isObject(value: unknown): value is { [key: string]: JsonValue } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
