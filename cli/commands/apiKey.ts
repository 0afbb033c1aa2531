import { parseArgs } from "node:util";
import { createApiKey } from "../../server/auth/apiKeys";
import { sqlClientFor } from "../../server/db/sqlClient";
import { withCliDatabase } from "../../server/services/cliDatabase";
import type { CliIo } from "../io";

/** `journey api-key create --name N [--test] [--workspace W]`: prints the new key, once. */
export async function runApiKey(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { name: { type: "string" }, test: { type: "boolean" }, workspace: { type: "string" } },
  });
  if (positionals[0] !== "create" || positionals.length > 1 || !values.name) {
    io.stderr("usage: journey api-key create --name N [--test] [--workspace W]\n");
    return 1;
  }
  const name = values.name;
  const created = await withCliDatabase(values.workspace, (database, workspaceId) =>
    createApiKey(sqlClientFor(database).query, workspaceId, name, values.test ? "test" : "live"),
  );
  io.stderr(`Created ${created.mode} API key "${name}" (${created.prefix}…). It is shown only this once:\n`);
  io.stdout(`${created.key}\n`);
  return 0;
}
