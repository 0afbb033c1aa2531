import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { validateFlow } from "../../flows/validate/validateFlow";
import { hasErrors } from "../../flows/diagnostics";
import type { CliIo } from "../io";
import { readJsonFile } from "../readJsonFile";
import { formatDiagnostic } from "../formatDiagnostic";
import { flowDirectoryResolver } from "../flowDirectory";

export async function runValidate(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { flows: { type: "string", multiple: true } },
  });
  if (positionals.length === 0) {
    io.stderr("usage: journey validate FILE… [--flows DIR]\n");
    return 1;
  }
  let failed = false;
  for (const file of positionals) {
    const read = readJsonFile(file);
    if (!read.ok) {
      io.stdout(`${file}: ${read.message}\n`);
      failed = true;
      continue;
    }
    const resolveFlow = flowDirectoryResolver(values.flows ?? [dirname(file)]);
    const { diagnostics } = validateFlow(read.value, { resolveFlow });
    for (const diagnostic of diagnostics) io.stdout(`${formatDiagnostic(file, diagnostic)}\n`);
    if (hasErrors(diagnostics)) failed = true;
  }
  return failed ? 1 : 0;
}
