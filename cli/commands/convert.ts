import { mkdirSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import { parseArgs } from "node:util";
import { convertFlow, sourceFormats, type ConversionSuccess, type SourceFormat } from "../../flows/convert";
import type { CliIo } from "../io";
import { readJsonFile } from "../readJsonFile";

const usage = `usage: journey convert FILE… [--from twilio|connect] [--out DIR] [--scripts DIR]

Converts Twilio Studio flows and Amazon Connect contact flows into flow documents (CONTRACT §10).
  one FILE, no --out   the flow on stdout; its scripts into --scripts DIR (default: scripts/ beside FILE)
  --out DIR            DIR/<flow key>.json per FILE, scripts into DIR/scripts/ (or --scripts DIR)
  --from               the source format; detected from each file when absent
Every state that is not converted is named on stderr: FILE: STATE: not converted: why
Exit 0 when every input converted completely, 1 otherwise.
`;

function isFormat(value: string): value is SourceFormat {
  return sourceFormats.some((format) => format === value);
}

export async function runConvert(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      from: { type: "string" },
      out: { type: "string" },
      scripts: { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    io.stdout(usage);
    return 0;
  }
  if (positionals.length === 0) {
    io.stderr(usage);
    return 1;
  }
  if (values.from !== undefined && !isFormat(values.from)) {
    io.stderr(`journey convert: --from "${values.from}" is not one of ${sourceFormats.join(", ")}\n`);
    return 1;
  }
  const from = values.from;
  if (positionals.length > 1 && values.out === undefined) {
    io.stderr(`journey convert: ${positionals.length} files need --out DIR (one file goes to stdout)\n`);
    return 1;
  }
  let complete = true;
  const takenKeys = new Set<string>();
  for (const file of positionals) {
    const read = readJsonFile(file);
    if (!read.ok) {
      io.stderr(`${file}: ${read.message}\n`);
      complete = false;
      continue;
    }
    const result = convertFlow(read.value, {
      ...(from ? { from } : {}),
      name: basename(file, extname(file)),
    });
    if (!result.ok) {
      io.stderr(`${file}: ${result.message}\n`);
      complete = false;
      continue;
    }
    for (const item of result.report)
      if (!item.converted) io.stderr(`${file}: ${item.state}: not converted: ${item.why ?? "no counterpart"}\n`);
    if (result.report.some((item) => !item.converted)) complete = false;
    uniqueKey(result, takenKeys);
    const scriptsDir =
      values.scripts ?? (values.out !== undefined ? join(values.out, "scripts") : join(dirname(file), "scripts"));
    if (values.out !== undefined) {
      mkdirSync(values.out, { recursive: true });
      writeFileSync(join(values.out, `${result.flow.key}.json`), `${JSON.stringify(result.flow, null, 2)}\n`);
    } else io.stdout(`${JSON.stringify(result.flow, null, 2)}\n`);
    if (result.scripts.length > 0) {
      mkdirSync(scriptsDir, { recursive: true });
      for (const script of result.scripts)
        writeFileSync(join(scriptsDir, `${script.key}.json`), `${JSON.stringify(script, null, 2)}\n`);
      if (values.out === undefined) io.stderr(`${file}: ${result.scripts.length} scripts written to ${scriptsDir}\n`);
    }
  }
  return complete ? 0 : 1;
}

/** Two inputs with the same name would overwrite each other's flow: the second gets `-2`. */
function uniqueKey(result: ConversionSuccess, taken: Set<string>): void {
  let key = result.flow.key;
  for (let n = 2; taken.has(key); n++) key = `${result.flow.key}-${n}`;
  taken.add(key);
  result.flow.key = key;
}
