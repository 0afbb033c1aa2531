import { parseArgs } from "node:util";
import { withCliDatabase } from "../../server/services/cliDatabase";
import { createWorkspaceFor, findUserIdByEmail } from "../../server/services/workspaces/manageWorkspaces";
import { createWorkspace } from "../../server/services/workspaces/createWorkspace";
import type { CliIo } from "../io";

const USAGE = "usage: journey workspace create SLUG --name N [--admin EMAIL]\n";

/**
 * `journey workspace create SLUG --name N [--admin EMAIL]`: makes a workspace (for operators); prints its
 * slug and id. `--admin`: an existing user (by e-mail) becomes its admin, so someone can sign in to it.
 */
export async function runWorkspace(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { name: { type: "string" }, admin: { type: "string" } },
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
  const adminEmail = values.admin;
  const created = await withCliDatabase(undefined, async (database) => {
    if (adminEmail === undefined) return createWorkspace(database.db, { slug, name });
    const adminId = await findUserIdByEmail(database.db, adminEmail);
    if (adminId === undefined) return undefined;
    return createWorkspaceFor(database.db, { slug, name }, adminId, {
      type: "system",
      label: "journey workspace create",
    });
  });
  if (created === undefined) {
    io.stderr(
      `journey workspace: --admin "${adminEmail}": no user has this e-mail (give the e-mail of someone who can sign in to the studio)\n`,
    );
    return 1;
  }
  io.stdout(`${created.slug}\t${created.id}\n`);
  io.stderr(
    adminEmail === undefined
      ? `Created workspace "${created.name}" (${created.slug}). Nobody administers it: give --admin EMAIL when creating a workspace to make someone its admin.\n`
      : `Created workspace "${created.name}" (${created.slug}); ${adminEmail.trim().toLowerCase()} is its admin.\n`,
  );
  return 0;
}
