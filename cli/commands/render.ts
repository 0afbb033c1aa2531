import { readdirSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { z } from "zod";
import { renderScript, ScriptRenderError, type RenderedScript } from "../../flows/scripts/renderScript";
import {
  parseScriptDocument,
  scriptChannels,
  scriptChannelSchema,
  type ScriptDocument,
} from "../../flows/scripts/scriptDocument";
import { countSmsSegments } from "../../flows/scripts/smsSegments";
import { resolveSnippets, snippetKeys, type SnippetLibrary, type SnippetProblem } from "../../flows/scripts/snippets";
import type { CliIo } from "../io";
import { parseJsonText, readJsonFile } from "../readJsonFile";

const USAGE = "usage: journey render FILE --channel C [--locale L] [--context JSON] [--json] [--snippets DIR]\n";

/**
 * `journey render FILE --channel C [--locale L] [--context JSON] [--json]` (CONTRACT section 3), and
 * `--snippets DIR`: the script documents (`*.json`) its snippets are taken from.
 */
export async function runRender(argv: string[], io: CliIo): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    io.stderr(`journey render: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 1;
  }
  const { values, positionals } = args;
  const file = positionals[0];
  if (file === undefined || positionals.length > 1 || values.channel === undefined) {
    io.stderr(USAGE);
    return 1;
  }
  const channel = scriptChannelSchema.safeParse(values.channel);
  if (!channel.success) {
    io.stderr(`${file}: --channel must be one of ${scriptChannels.join(", ")} (got "${values.channel}")\n`);
    return 1;
  }
  let context: Record<string, unknown> = {};
  if (values.context !== undefined) {
    const parsed = parseJsonText(values.context);
    if (!parsed.ok || !isRecord(parsed.value)) {
      io.stderr(`${file}: --context ${parsed.ok ? "must be a JSON object" : parsed.message}\n`);
      return 1;
    }
    context = parsed.value;
  }
  const read = readJsonFile(file);
  if (!read.ok) {
    io.stderr(`${file}: ${read.message}\n`);
    return 1;
  }
  const doc = parseScriptDocument(read.value);
  if (!doc.ok) {
    for (const issue of doc.issues) io.stderr(`${file}: ${formatIssue(issue)}\n`);
    return 1;
  }
  let snippets: SnippetLibrary = new Map();
  if (values.snippets !== undefined) {
    const read = readSnippets(values.snippets);
    if (typeof read === "string") {
      io.stderr(`${values.snippets}: ${read}\n`);
      return 1;
    }
    snippets = read;
  }
  if (snippetKeys(doc.document).length > 0) {
    const problems = resolveSnippets(doc.document, snippets).problems;
    for (const p of problems) io.stderr(`${file}: variants[${p.variantIndex}]: ${problemText(p, values.snippets)}\n`);
    if (problems.length) return 1;
  }
  let out: RenderedScript;
  try {
    out = renderScript(doc.document, { channel: channel.data, locale: values.locale, context, snippets });
  } catch (error) {
    const message =
      error instanceof ScriptRenderError
        ? formatRenderError(doc.document, error)
        : error instanceof Error
          ? error.message
          : String(error);
    io.stderr(`${file}: ${message}\n`);
    return 1;
  }
  io.stdout(values.json ? JSON.stringify(contractJson(out)) + "\n" : human(out));
  return 0;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      channel: { type: "string" },
      locale: { type: "string" },
      context: { type: "string" },
      json: { type: "boolean", default: false },
      snippets: { type: "string" },
    },
  });
}

/** The `--json` object exactly as the contract lists it (plus `title`, the app push title). */
function contractJson(out: RenderedScript): Record<string, unknown> {
  const json: Record<string, unknown> = { channel: out.channel, locale: out.locale };
  if (out.subject !== undefined) json.subject = out.subject;
  if (out.title !== undefined) json.title = out.title;
  json.body = out.body;
  if (out.text !== undefined) json.text = out.text;
  if (out.segments !== undefined) json.segments = out.segments;
  return json;
}

function human(out: RenderedScript): string {
  const lines: string[] = [];
  if (out.subject !== undefined) lines.push(`Subject: ${out.subject}`, "");
  if (out.title !== undefined) lines.push(`Title: ${out.title}`, "");
  lines.push(out.body);
  if (out.text !== undefined) lines.push("", "--- plain text ---", out.text);
  if (out.segments !== undefined) {
    const count = countSmsSegments(out.body);
    const plural = out.segments === 1 ? "" : "s";
    lines.push(
      "",
      `${out.segments} segment${plural} (${count.encoding === "gsm7" ? "GSM-7" : "UCS-2"}, ${count.units} characters)`,
    );
  }
  return lines.join("\n") + "\n";
}

function formatRenderError(doc: ScriptDocument, error: ScriptRenderError): string {
  if (error.variantIndex === undefined) return error.message;
  const variant = doc.variants[error.variantIndex];
  const label = [variant?.channel, variant?.locale].filter(Boolean).join(", ");
  const field = error.field && error.field !== "text" ? ` ${error.field}` : "";
  const line = error.line !== undefined ? `, line ${error.line}` : "";
  return `variants[${error.variantIndex}] (${label})${field}${line}: ${error.message}`;
}

function formatIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path
    .map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join("");
  return path ? `${path}: ${issue.message}` : issue.message;
}

function problemText(p: SnippetProblem, dir: string | undefined): string {
  if (p.kind === "cycle") return `snippet cycle ${p.trail.join(" → ")}`;
  if (p.kind === "not-snippet") return `"${p.key}" is a script, not a snippet`;
  return `snippet "${p.key}" not found${dir === undefined ? " (give --snippets DIR)" : ` in ${dir}`}`;
}

/** The script documents of a folder, by key (other JSON files, such as flows, are passed over). */
function readSnippets(dir: string): SnippetLibrary | string {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".json"));
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  const library = new Map<string, ScriptDocument>();
  for (const name of names) {
    const read = readJsonFile(join(dir, name));
    const doc = read.ok ? parseScriptDocument(read.value) : undefined;
    if (doc?.ok) library.set(doc.document.key, doc.document);
  }
  return library;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
