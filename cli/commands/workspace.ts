import { parseArgs } from "node:util";
import { withCliDatabase } from "../../server/services/cliDatabase";
import { createWorkspace } from "../../server/services/workspaces/createWorkspace";
import type { CliIo } from "../io";

const USAGE = "usage: journey workspace create SLUG --name N\n";

/** `journey workspace create SLUG --name N`: makes a workspace (for operators); prints its slug and id. */
export async function runWorkspace(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { name: { type: "string" } },
  });
  const [action, slug, ...extra] = positionals;
  if (action !== "create" || slug === undefined || extra.length > 0) {
    io.stderr(`journey workspace: ${action === "create" ? "give one SLUG" : "the only action is create"}\n${USAGE}`);
    return 1;
  }
  const name = values.name;
  if (name === undefined) {
    io.stderr(`journey workspace: --name is missing\n${USAGE}`);
    return 1;
  }
  const created = await withCliDatabase(undefined, (database) => createWorkspace(database.db, { slug, name }));
  io.stdout(`${created.slug}\t${created.id}\n`);
  io.stderr(`Created workspace "${created.name}" (${created.slug}).\n`);
  return 0;
}
