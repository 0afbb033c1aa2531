import { parseArgs } from "node:util";
import { exportFlow } from "../../server/services/publishing";
import { withCliDatabase } from "../../server/services/cliDatabase";
import type { CliIo } from "../io";

/** `journey export KEY [--version N] [--workspace W]`: the flow document (the draft, or a published version). */
export async function runExport(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { version: { type: "string" }, workspace: { type: "string" } },
  });
  const key = positionals[0];
  const version = values.version === undefined ? undefined : Number(values.version);
  if (
    key === undefined ||
    positionals.length > 1 ||
    (version !== undefined && !(Number.isInteger(version) && version > 0))
  ) {
    io.stderr("usage: journey export KEY [--version N] [--workspace W]\n");
    return 1;
  }
  const document = await withCliDatabase(values.workspace, (database, workspaceId) =>
    exportFlow(database.db, workspaceId, key, version),
  );
  if (document === undefined) {
    io.stderr(`journey export: no flow "${key}"${version ? ` version ${version}` : ""}\n`);
    return 1;
  }
  io.stdout(`${JSON.stringify(document, null, 2)}\n`);
  return 0;
}
