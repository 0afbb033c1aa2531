// `journey import` and the start-up import of the examples. Flow documents become
// drafts (and, with `publish`, versions); script documents become script versions. Flows are published
// in passes, so a flow and the subflows it calls can be imported together in any order.
import "server-only";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { errorAt, type Diagnostic } from "../../flows";
import type { Db } from "../db/client";
import { AppError } from "../errors/appError";
import { importFlowDocument } from "./flows/flowDrafts";
import { publishFlow, type PublishResult } from "./publishing";
import { importScriptDocument } from "./scripts";
import { importPolicy } from "./mot/importPolicy";

export type ImportedDocument = { name: string; document: unknown };
export type ImportResult = {
  name: string;
  kind: "flow" | "script" | "policy" | "unknown";
  ok: boolean;
  key?: string;
  version?: number;
  created?: boolean;
  diagnostics: Diagnostic[];
};

export async function importDocuments(
  db: Db,
  workspaceId: string,
  documents: readonly ImportedDocument[],
  options: { publish: boolean; publishedBy?: string },
): Promise<ImportResult[]> {
  const results = new Map<string, ImportResult>();
  let pendingFlows: ImportedDocument[] = [];
  for (const item of documents) {
    const schema =
      typeof item.document === "object" && item.document !== null
        ? (item.document as { schema?: unknown }).schema
        : undefined;
    if (typeof schema === "string" && schema.startsWith("journey-studio/script@"))
      results.set(item.name, await importScript(db, workspaceId, item, options));
    else if (typeof schema === "string" && schema.startsWith("journey-studio/flow@")) pendingFlows.push(item);
    else if (typeof schema === "string" && schema.startsWith("journey-studio/policy@"))
      results.set(item.name, await importPolicy(db, workspaceId, item));
    else
      results.set(item.name, {
        name: item.name,
        kind: "unknown",
        ok: false,
        diagnostics: [
          errorAt(
            "UNKNOWN_DOCUMENT",
            'is neither a flow ("journey-studio/flow@1") nor a script ("journey-studio/script@1") document',
          ),
        ],
      });
  }
  // Publish what compiles; retry the rest while that makes progress (a caller before its subflow).
  for (;;) {
    const failed: ImportedDocument[] = [];
    for (const item of pendingFlows) {
      const result = options.publish
        ? toImportResult(
            item.name,
            await publishFlow(db, workspaceId, item.document, { publishedBy: options.publishedBy }),
          )
        : await importDraft(db, workspaceId, item, options.publishedBy ?? "import");
      results.set(item.name, result);
      if (!result.ok) failed.push(item);
    }
    if (failed.length === 0 || failed.length === pendingFlows.length) break;
    pendingFlows = failed;
  }
  return documents.map((d) => results.get(d.name) ?? { name: d.name, kind: "unknown", ok: false, diagnostics: [] });
}

/** Without `publish`: the document becomes the flow's draft (a new flow, or the new draft of an existing one). */
async function importDraft(db: Db, workspaceId: string, item: ImportedDocument, by: string): Promise<ImportResult> {
  const saved = await importFlowDocument(db, workspaceId, item.document, {
    replace: true,
    by: { type: "system", label: by },
  });
  if ("diagnostics" in saved) return { name: item.name, kind: "flow", ok: false, diagnostics: saved.diagnostics };
  return { name: item.name, kind: "flow", ok: true, key: saved.key, diagnostics: [] };
}

function toImportResult(name: string, result: PublishResult): ImportResult {
  if (!result.ok)
    return {
      name,
      kind: "flow",
      ok: false,
      ...(result.key ? { key: result.key } : {}),
      diagnostics: result.diagnostics,
    };
  return {
    name,
    kind: "flow",
    ok: true,
    key: result.key,
    ...(result.version > 0 ? { version: result.version, created: result.created } : {}),
    diagnostics: result.diagnostics,
  };
}

/**
 * Stores a script document (server/services/scripts): a draft when its content changed; with `--publish`
 * (and the examples) approved at once, since published flows use approved scripts only.
 */
async function importScript(
  db: Db,
  workspaceId: string,
  item: ImportedDocument,
  options: { publish: boolean; publishedBy?: string },
): Promise<ImportResult> {
  try {
    const approvedBy = options.publish ? (options.publishedBy ?? "import") : undefined;
    const saved = await importScriptDocument(db, workspaceId, item.document, {
      by: options.publishedBy ?? "import",
      ...(approvedBy ? { approvedBy } : {}),
    });
    return {
      name: item.name,
      kind: "script",
      ok: true,
      key: saved.key,
      version: saved.version,
      created: saved.created,
      diagnostics: [],
    };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return {
      name: item.name,
      kind: "script",
      ok: false,
      diagnostics: [errorAt("SCHEMA", error.detail ?? error.title)],
    };
  }
}

const examplesFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "flows", "examples");

/** Loads and publishes the example journeys (and their scripts); a no-op when they are already there. */
export async function importExampleFlows(db: Db, workspaceId: string): Promise<ImportResult[]> {
  const documents: ImportedDocument[] = [];
  for (const folder of [examplesFolder, path.join(examplesFolder, "scripts")]) {
    const files = (await readdir(folder).catch(() => [] as string[])).filter((f) => f.endsWith(".json")).sort();
    for (const file of files)
      documents.push({
        name: path.join(folder, file),
        document: JSON.parse(await readFile(path.join(folder, file), "utf8")),
      });
  }
  const results = await importDocuments(db, workspaceId, documents, { publish: true, publishedBy: "examples" });
  for (const failed of results.filter((r) => !r.ok)) {
    console.error(
      `Example ${path.basename(failed.name)} was not imported: ${failed.diagnostics.map((d) => d.message).join("; ")}`,
    );
  }
  return results;
}
