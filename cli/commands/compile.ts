import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { compileFlow } from "../../flows/compile/compileFlow";
import type { CliIo } from "../io";
import { readJsonFile } from "../readJsonFile";
import { formatDiagnostic } from "../formatDiagnostic";
import { flowDirectoryResolver } from "../flowDirectory";

export async function runCompile(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { flows: { type: "string", multiple: true } },
  });
  const file = positionals[0];
  if (file === undefined || positionals.length > 1) {
    io.stderr("usage: journey compile FILE [--flows DIR]\n");
    return 1;
  }
  const read = readJsonFile(file);
  if (!read.ok) {
    io.stderr(`${file}: ${read.message}\n`);
    return 1;
  }
  const compiled = compileFlow(read.value, { resolveFlow: flowDirectoryResolver(values.flows ?? [dirname(file)]) });
  for (const diagnostic of compiled.diagnostics) io.stderr(`${formatDiagnostic(file, diagnostic)}\n`);
  if (!compiled.ok) return 1;
  io.stdout(`${JSON.stringify(compiled.machine, null, 2)}\n`);
  return 0;
}
