import { parseArgs } from "node:util";
import { importDocuments, type ImportedDocument } from "../../server/services/importDocuments";
import { withCliDatabase } from "../../server/services/cliDatabase";
import type { CliIo } from "../io";
import { readJsonFile } from "../readJsonFile";
import { formatDiagnostic } from "../formatDiagnostic";

/** `journey import FILE… [--publish] [--workspace W]`: flows and scripts into the app's database. */
export async function runImport(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { publish: { type: "boolean" }, workspace: { type: "string" } },
  });
  if (positionals.length === 0) {
    io.stderr("usage: journey import FILE… [--publish] [--workspace W]\n");
    return 1;
  }
  const documents: ImportedDocument[] = [];
  let failed = false;
  for (const file of positionals) {
    const read = readJsonFile(file);
    if (read.ok) documents.push({ name: file, document: read.value });
    else {
      io.stdout(`${file}: ${read.message}\n`);
      failed = true;
    }
  }
  const results = await withCliDatabase(values.workspace, (database, workspaceId) =>
    importDocuments(database.db, workspaceId, documents, { publish: values.publish === true, publishedBy: "cli" }),
  );
  for (const result of results) {
    for (const diagnostic of result.diagnostics) io.stdout(`${formatDiagnostic(result.name, diagnostic)}\n`);
    if (!result.ok) {
      failed = true;
      continue;
    }
    const what =
      result.kind === "script"
        ? `script ${result.key} v${result.version}`
        : result.version
          ? `flow ${result.key} v${result.version} published`
          : `flow ${result.key} draft saved`;
    io.stdout(`${result.name}: ${what}${result.created === false ? " (unchanged)" : ""}\n`);
  }
  return failed ? 1 : 0;
}
